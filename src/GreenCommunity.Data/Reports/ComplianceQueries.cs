using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reporting;

namespace GreenCommunity.Data.Reports;

/// <summary>The receipts that decide whether localities reported on time.</summary>
public sealed class ComplianceQueries(StoreDatabase database)
{
    // received_at is UTC text of one format, so MIN and < compare as instants. A report the province sent under a
    // locality's code (its acceptance rounds) is the province's own work, not the locality's report: it does not count,
    // as in ReportQueries.MonthlyReportsAsync and the feed, which hold such reports to no deadline.
    private const string FirstReceiptsSql =
        """
        SELECT locality_code AS Locality, kind AS Kind, period AS Period, MIN(received_at) AS ReceivedAt
          FROM reports
         WHERE submitter_scope <> 'province' AND received_at < @before
         GROUP BY locality_code, kind, period
        """;

    /// <summary>
    /// The earliest report each locality itself sent for each kind and period, among those received before
    /// <paramref name="before"/> (exclusive): one query for all localities.
    /// </summary>
    public async Task<IReadOnlyList<FirstReceipt>> FirstReceiptsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ReceiptRow>(new CommandDefinition(FirstReceiptsSql,
            new { before = before.ToUniversalTime() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var receipts = new List<FirstReceipt>();
        foreach (var row in rows)
        {
            // The writer only stores known kinds and well-formed periods; anything else is not a duty's receipt.
            if (ReportKindNames.TryParseApiName(row.Kind, out var kind) && ReportPeriod.TryParse(row.Period, kind == ReportKind.Monthly, out var period))
            {
                receipts.Add(new FirstReceipt(row.Locality, kind, period, row.ReceivedAt));
            }
        }
        return receipts;
    }

    private sealed record ReceiptRow(string Locality, string Kind, string Period, DateTimeOffset ReceivedAt);
}
