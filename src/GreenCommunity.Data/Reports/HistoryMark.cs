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

    // UNION ALL, not UNION: the caller makes a set of the codes, so a community named twice is harmless (another report
    // that gave a community an event and assessments names it twice, 16 assessments 16 times); UNION sorted them to dedupe.
    private const string WrittenSinceSql =
        """
        SELECT community_code FROM stage_events WHERE id > @StageEvent
        UNION ALL
        SELECT community_code FROM criterion_assessments WHERE id > @Assessment
        """;

    private static readonly IReadOnlySet<string> s_none = new HashSet<string>(StringComparer.Ordinal);

    public static Task<HistoryMark> ReadAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.QuerySingleAsync<HistoryMark>(new CommandDefinition(ReadSql, transaction: transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// The communities that gained history since the mark, <paramref name="now"/> being where the history ends now; no
    /// query when it ends where it did (the history is append-only: no row after the mark).
    /// </summary>
    public async Task<IReadOnlySet<string>> CommunitiesWrittenSinceAsync(DbConnection connection, DbTransaction transaction, HistoryMark now, CancellationToken cancellationToken) =>
        now == this ? s_none
            : (await connection.QueryAsync<string>(new CommandDefinition(WrittenSinceSql, this, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))
                .ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// Where a write transaction starts, read in one query: the number the report will get and where the history ends
/// (the recheck's mark to compare, and the first rows the report's own statements will have written after).
/// </summary>
internal sealed class WriteStart
{
    private const string ReadSql =
        """
        SELECT (SELECT COALESCE(MAX(id), 0) + 1 FROM reports) AS Report,
               (SELECT COALESCE(MAX(id), 0) FROM stage_events) AS StageEvent,
               (SELECT COALESCE(MAX(id), 0) FROM criterion_assessments) AS Assessment
        """;

    /// <summary>The sequence number the report gets.</summary>
    public long Report { get; init; }

    public long StageEvent { get; init; }

    public long Assessment { get; init; }

    /// <summary>Where the history ends now.</summary>
    public HistoryMark History => new(StageEvent, Assessment);

    public static Task<WriteStart> ReadAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.QuerySingleAsync<WriteStart>(new CommandDefinition(ReadSql, transaction: transaction, cancellationToken: cancellationToken));
}
