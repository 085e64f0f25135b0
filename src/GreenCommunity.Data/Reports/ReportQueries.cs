using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Reports;

/// <summary>Reads received reports: one by id with its raw body, a page of them, the latest for the feed.</summary>
public sealed class ReportQueries(StoreDatabase database)
{
    private const string Columns =
        """
        r.id AS Sequence, r.report_id AS ReportId, r.locality_code AS Locality, r.kind AS Kind, r.period AS Period,
        r.received_at AS ReceivedAt, r.deadline AS Deadline, r.on_time AS OnTime, r.applied AS Applied,
        r.submitter_scope AS SubmitterScope
        """;

    private const string BySequenceSql = $"SELECT {Columns} FROM reports r WHERE r.id = @sequence";

    private const string ByIdSql = $"SELECT {Columns}, r.body AS Body FROM reports r WHERE r.report_id = @reportId";

    private const string PageSql =
        $"""
        SELECT {Columns} FROM reports r
         WHERE (@locality IS NULL OR r.locality_code = @locality) AND (@period IS NULL OR r.period = @period)
         ORDER BY r.id DESC
         LIMIT @limit OFFSET @offset
        """;

    private const string CountSql =
        """
        SELECT COUNT(*) FROM reports r
         WHERE (@locality IS NULL OR r.locality_code = @locality) AND (@period IS NULL OR r.period = @period)
        """;

    private const string MonthlyStatusSql =
        """
        SELECT locality_code AS Locality, MAX(on_time) AS OnTime
          FROM reports
         WHERE kind = 'monthly' AND period = @period AND submitter_scope <> 'province' AND received_at <= @until
         GROUP BY locality_code
        """;

    /// <summary>
    /// For a month: each locality that had sent its own monthly report by a moment, and whether one was on time.
    /// Localities missing from the answer had not reported yet.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, bool>> MonthlyReportsAsync(string period, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Locality, long OnTime)>(new CommandDefinition(MonthlyStatusSql,
            new { period, until = until.ToUniversalTime() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Locality, r => r.OnTime != 0, StringComparer.Ordinal);
    }

    internal static async Task<StoredReport> GetBySequenceAsync(DbConnection connection, DbTransaction? transaction, long sequence, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleAsync<ReportRow>(new CommandDefinition(BySequenceSql, new { sequence }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.ToStoredReport();
    }

    /// <summary>A report as it was accepted, with its raw JSON body; null when there is none with that id.</summary>
    public async Task<ReportRecord?> GetAsync(string reportId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ReportBodyRow>(new CommandDefinition(ByIdSql, new { reportId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : new ReportRecord(row.ToStoredReport(), row.Body);
    }

    /// <summary>Received reports, newest first, with the total count for the filter.</summary>
    public async Task<(IReadOnlyList<StoredReport> Items, long Total)> ListAsync(string? locality, string? period, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var args = new { locality, period, limit = pageSize, offset = (page - 1L) * pageSize };   // long: a far page must not wrap round to the first
        var rows = await connection.QueryAsync<ReportRow>(new CommandDefinition(PageSql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountSql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (rows.Select(r => r.ToStoredReport()).ToList(), total);
    }

    private record ReportRow(long Sequence, string ReportId, string Locality, string Kind, string Period, DateTimeOffset ReceivedAt, DateTimeOffset Deadline, long OnTime, long Applied, string SubmitterScope)
    {
        public StoredReport ToStoredReport() => new(Sequence, ReportId, Locality, Kind, Period,
            ReceivedAt, Deadline, OnTime != 0, (int)Applied, SubmitterScope == "province");
    }

    private sealed record ReportBodyRow(long Sequence, string ReportId, string Locality, string Kind, string Period, DateTimeOffset ReceivedAt, DateTimeOffset Deadline, long OnTime, long Applied, string SubmitterScope, string Body)
        : ReportRow(Sequence, ReportId, Locality, Kind, Period, ReceivedAt, Deadline, OnTime, Applied, SubmitterScope);
}
