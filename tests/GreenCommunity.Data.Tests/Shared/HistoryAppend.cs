using Dapper;
using GreenCommunity.Data.Reports;

namespace GreenCommunity.Data.Tests.Shared;

/// <summary>A report's history appended as the writer appends it, the way given, with a Wuhan report's own row before it.</summary>
internal static class HistoryAppend
{
    private const string ReportRow =
        """
        INSERT INTO reports (id, report_id, locality_code, kind, period, submitted_by, submitter_scope, narrative, received_at, deadline, on_time, applied, body)
        VALUES (@Sequence, 'appended', '420100', 'monthly', '2022-05', 'test', '420100', NULL, '2022-05-20T02:00:00.000+00:00', '2022-05-25T23:59:59.000+08:00', 1, 0, @Body)
        """;

    /// <summary>Appends <paramref name="rows"/> and commits; <paramref name="after"/> runs after the append in the same transaction and its first value is returned.</summary>
    public static async Task<long> AppendAsync(TestStore store, ReportRows rows, AppendWay way, string after, CancellationToken cancellationToken)
    {
        await using var connection = await store.Database.OpenAsync(cancellationToken);
        await using var transaction = await store.Database.BeginWriteAsync(connection, cancellationToken);
        var start = await WriteStart.ReadAsync(connection, transaction, writeLock: "", claim: null, sender: null, rows: null, cancellationToken);
        await ReportHistorySql.AppendAsync(connection, transaction, start, rows, way, ReportRow, after: "", new DynamicParameters(new { Sequence = start.Report, rows.Body }),
            cancellationToken);
        var answer = await connection.ExecuteScalarAsync<long>(new CommandDefinition(after, new { report = start.Report }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return answer;
    }
}
