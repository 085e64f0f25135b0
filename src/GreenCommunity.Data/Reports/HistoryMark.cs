using System.Data.Common;
using Dapper;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// How far the append-only history went when a report was validated: the last stage event and criterion assessment.
/// Rows after it are exactly what other reports wrote since, so the write transaction knows which communities to judge again.
/// </summary>
internal sealed record HistoryMark(long StageEvent, long Assessment)
{
    private const string ReadSql =
        """
        SELECT (SELECT COALESCE(MAX(id), 0) FROM stage_events) AS StageEvent,
               (SELECT COALESCE(MAX(id), 0) FROM criterion_assessments) AS Assessment
        """;

    private const string WrittenSinceSql =
        """
        SELECT community_code FROM stage_events WHERE id > @StageEvent
        UNION
        SELECT community_code FROM criterion_assessments WHERE id > @Assessment
        """;

    public static Task<HistoryMark> ReadAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.QuerySingleAsync<HistoryMark>(new CommandDefinition(ReadSql, transaction: transaction, cancellationToken: cancellationToken));

    /// <summary>The communities that gained history since the mark.</summary>
    public async Task<IReadOnlySet<string>> CommunitiesWrittenSinceAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<string>(new CommandDefinition(WrittenSinceSql, this, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
}
