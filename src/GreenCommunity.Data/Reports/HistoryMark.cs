using System.Data.Common;
using Dapper;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// How far the append-only history went when a report was validated: the last stage event and criterion assessment.
/// Rows after it are exactly what other reports wrote since, so the write transaction knows which communities to judge again.
/// </summary>
internal sealed record HistoryMark(long StageEvent, long Assessment)
{
    // UNION ALL, not UNION: the caller makes a set of the codes, so a community named twice is harmless (another report
    // that gave a community an event and assessments names it twice, 16 assessments 16 times); UNION sorted them to dedupe.
    internal const string WrittenSinceSql =
        """
        SELECT community_code FROM stage_events WHERE id > @StageEvent
        UNION ALL
        SELECT community_code FROM criterion_assessments WHERE id > @Assessment
        """;

    private static readonly IReadOnlySet<string> s_none = new HashSet<string>(StringComparer.Ordinal);

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
/// Where a write transaction starts, read in one command (one round trip where there were five): the idempotency key's
/// earlier claim and the sender's right, which the writer checks first, the number the report will get, where the
/// history ends (the recheck's mark to compare, and the first rows the report's own statements will have written after),
/// and what the report's stage events will move in the timelines (<see cref="Progress.ReportTimelineSql.BasisSql"/>).
/// </summary>
internal sealed class WriteStart
{
    private const string HeadsSql =
        """
        SELECT (SELECT COALESCE(MAX(id), 0) + 1 FROM reports) AS Report,
               (SELECT COALESCE(MAX(id), 0) FROM stage_events) AS StageEvent,
               (SELECT COALESCE(MAX(id), 0) FROM criterion_assessments) AS Assessment
        """;

    private const string ClaimSql =
        """
        ,
               (SELECT request_hash FROM idempotency_keys WHERE client = @Client AND key = @Key) AS ClaimHash,
               (SELECT report FROM idempotency_keys WHERE client = @Client AND key = @Key) AS ClaimReport
        """;

    /// <summary>The sequence number the report gets.</summary>
    public long Report { get; init; }

    public long StageEvent { get; init; }

    public long Assessment { get; init; }

    /// <summary>The request hash of an earlier report with the same idempotency key, if any.</summary>
    public string? ClaimHash { get; init; }

    public long? ClaimReport { get; init; }

    /// <summary>1 when the sender may still write (or there is no sender to check), 0 when not.</summary>
    public long Allowed { get; init; } = 1;

    /// <summary>Where the history ends now.</summary>
    public HistoryMark History => new(StageEvent, Assessment);

    /// <summary>What the report's stage events will move in the timelines; null when it has none, or none was asked for.</summary>
    public Progress.TimelineBasis? Timeline { get; private set; }

    /// <summary>
    /// Reads the start; <paramref name="claim"/> and <paramref name="sender"/> null when the caller has none to check, and
    /// <paramref name="rows"/> null when the caller moves no timeline (<see cref="Timeline"/> is then null too).
    /// <paramref name="writeLock"/> (<see cref="Storage.StoreDatabase.WriteLockStatement"/>, or empty) goes first in the same command.
    /// </summary>
    public static async Task<WriteStart> ReadAsync(DbConnection connection, DbTransaction transaction, string writeLock, IdempotencyClaim? claim,
        SubmittingAccount? sender, ReportRows? rows, CancellationToken cancellationToken)
    {
        var args = new DynamicParameters();
        var sql = Sql(Storage.StoreSql.EngineOf(connection), writeLock, claim, sender, rows, args);
        await using var read = await connection.QueryMultipleAsync(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await ReadAsync(read, writeLock, rows).ConfigureAwait(false);
    }

    /// <summary>The start's statements, for a command that may read more after them; their arguments added to <paramref name="args"/>.</summary>
    public static string Sql(Storage.StoreEngine engine, string writeLock, IdempotencyClaim? claim, SubmittingAccount? sender, ReportRows? rows, DynamicParameters args)
    {
        if (claim is not null)
        {
            args.AddDynamicParams(new { claim.Client, claim.Key });
        }
        if (sender is not null)
        {
            args.AddDynamicParams(new { sender.Name, sender.TokenId });
        }
        var timeline = rows is { EventRows.Count: > 0 };
        if (timeline)
        {
            Progress.ReportTimelineSql.AddBasisArguments(args, engine, rows!);
        }
        return writeLock + HeadsSql + (claim is null ? "" : ClaimSql) + (sender is null ? "" : $",\n       ({sender.AllowedSql}) AS Allowed")
            + (timeline ? ";\n" + Progress.ReportTimelineSql.BasisSql(engine) : "");
    }

    /// <summary>The start from the results of <see cref="Sql"/>'s statements, the next ones <paramref name="read"/> holds.</summary>
    public static async Task<WriteStart> ReadAsync(SqlMapper.GridReader read, string writeLock, ReportRows? rows)
    {
        if (writeLock.Length > 0)
        {
            await read.ReadAsync().ConfigureAwait(false);   // the lock statement's row
        }
        var start = await read.ReadSingleAsync<WriteStart>().ConfigureAwait(false);
        if (rows is { EventRows.Count: > 0 })
        {
            start.Timeline = await Progress.ReportTimelineSql.ReadBasisAsync(read).ConfigureAwait(false);
        }
        return start;
    }
}
