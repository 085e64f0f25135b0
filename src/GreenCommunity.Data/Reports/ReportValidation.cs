using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// A report judged whole against what one command reads of the store: its shape, its places and every update against
/// its community's state before the report. Read without the write lock (<see cref="RunAsync"/>), the write transaction
/// then only judges again the updates whose communities another report changed since those reads (<see cref="RecheckAsync"/>);
/// read in the write transaction (<see cref="ReadsSql"/>), nothing can have changed.
/// </summary>
internal sealed class ReportValidation
{
    // Where the history ends, whether the locality exists and an earlier claim of the idempotency key, in one row.
    private const string HeadSql =
        """
        SELECT (SELECT COALESCE(MAX(id), 0) FROM stage_events) AS StageEvent,
               (SELECT COALESCE(MAX(id), 0) FROM criterion_assessments) AS Assessment,
               (SELECT COUNT(*) FROM regions WHERE code = @locality AND level = 2) AS Locality,
               (SELECT request_hash FROM idempotency_keys WHERE client = @client AND key = @key) AS ClaimHash,
               (SELECT report FROM idempotency_keys WHERE client = @client AND key = @key) AS ClaimReport
        """;

    // SQLite reads the codes as a JSON list; PostgreSQL takes an array, whose length its planner knows (over a JSON list
    // it guesses 100 rows: 3.7 ms against 0.035 ms by the primary key for a 3-update report, as in CommunityHistorySql).
    private static readonly EngineText s_communitiesSql = new(engine => engine == StoreEngine.Postgres
        ? "SELECT code AS Code, locality_code AS Locality FROM communities WHERE code = ANY(@codes)"
        : $"SELECT code AS Code, locality_code AS Locality FROM communities WHERE code IN (SELECT w.value FROM {StoreSql.JsonTexts(engine, "@codes", "w")})");

    // Everything the judgement reads: the head, where each community is, and every update's community's state on its day
    // (read for all of them, judged for those in place). A command of its own (one round trip on PostgreSQL where there
    // were six), or the end of the write transaction's first command when the writer judges there (ReportWriter).
    private static readonly EngineText s_readsSql = new(engine => $"{HeadSql};\n{s_communitiesSql.For(engine)};\n{CommunityHistorySql.Queries(engine)}");

    // As a command of its own on PostgreSQL first one plan per prepared statement for the rest of the command, as in the
    // write transaction (PostgresStore.WriteLockStatement): outside a transaction block a command is one implicit
    // transaction, where the setting ends with it.
    private static readonly EngineText s_ownCommandSql = new(engine =>
        $"{(engine == StoreEngine.Postgres ? $"SELECT {PostgresStore.GenericPlansForTransaction};\n" : "")}{s_readsSql.For(engine)}");

    private readonly ReportSubmission _report;
    private readonly SubmitterScope _scope;
    private readonly IReadOnlyList<int> _judged;
    private readonly bool[] _changes;
    private readonly HistoryMark _mark;

    private ReportValidation(ReportSubmission report, SubmitterScope scope, IReadOnlyList<int> judged, HistoryMark mark, EarlierClaim? earlier, ValidationErrors errors)
    {
        (_report, _scope, _judged, _mark, Earlier, Errors) = (report, scope, judged, mark, earlier, errors);
        _changes = new bool[report.Updates.Count];
    }

    /// <summary>The report an earlier request with the receipt's idempotency key stored, as the reads saw it; null when none.</summary>
    public EarlierClaim? Earlier { get; }

    /// <summary>Every problem found, in the order found: shape, places, then the updates' rules.</summary>
    public ValidationErrors Errors { get; }

    /// <summary>How many communities the report changes (stage or criteria).</summary>
    public int Changes => _changes.Count(c => c);

    /// <summary>
    /// Judges the report on what one command reads (in <paramref name="transaction"/> when the caller holds one), and
    /// finds the idempotency key's earlier claim there. Its first statement reads where the history ends: each later one
    /// sees at least that, and what is written after it is judged again in the write transaction (<see cref="RecheckAsync"/>).
    /// </summary>
    public static async Task<ReportValidation> RunAsync(DbConnection connection, DbTransaction? transaction, ReportSubmission report, ReportReceipt receipt,
        Campaign campaign, ReportWritePauses pauses, CancellationToken cancellationToken)
    {
        var errors = CheckShape(report, receipt, campaign);
        var engine = StoreSql.EngineOf(connection);
        var args = new DynamicParameters();
        AddReadArguments(args, engine, report, receipt.Idempotency);
        Reads reads;
        await using (var read = await connection.QueryMultipleAsync(new CommandDefinition(s_ownCommandSql.For(engine), args, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false))
        {
            if (engine == StoreEngine.Postgres)
            {
                await read.ReadAsync().ConfigureAwait(false);   // the setting's row
            }
            reads = await ReadAsync(read, report, errors).ConfigureAwait(false);
        }
        await pauses.Validating(report, cancellationToken).ConfigureAwait(false);
        return reads.Judge(report, receipt.Scope, errors);
    }

    /// <summary>The report's shape, judged without the store (what <see cref="ReportRules.CheckShape"/> finds); its rows can be built when there is no problem.</summary>
    public static ValidationErrors CheckShape(ReportSubmission report, ReportReceipt receipt, Campaign campaign)
    {
        var errors = new ValidationErrors();
        ReportRules.CheckShape(report, receipt.Scope, campaign, receipt.ReceivedAt, errors);
        return errors;
    }

    /// <summary>The judgement's reads, for the end of a command that also reads other things (<see cref="JudgeAsync"/> reads their results).</summary>
    public static string ReadsSql(StoreEngine engine) => s_readsSql.For(engine);

    /// <summary>The arguments of <see cref="ReadsSql"/>, added to <paramref name="args"/>.</summary>
    public static void AddReadArguments(DynamicParameters args, StoreEngine engine, ReportSubmission report, IdempotencyClaim? claim)
    {
        var codes = report.Updates.Select(u => u.Community).Distinct(StringComparer.Ordinal).ToArray();
        args.AddDynamicParams(new { locality = report.Locality, client = claim?.Client, key = claim?.Key });
        args.Add("codes", engine == StoreEngine.Postgres ? codes : System.Text.Json.JsonSerializer.Serialize(codes));
        CommunityHistorySql.AddArguments(args, engine, report.Updates.Select(u => (u.Community, u.Effective)).ToList());
    }

    /// <summary>
    /// Judges the report on <see cref="ReadsSql"/>'s results, the next ones <paramref name="read"/> holds; <paramref name="errors"/>
    /// holds what <see cref="CheckShape"/> found.
    /// </summary>
    public static async Task<ReportValidation> JudgeAsync(SqlMapper.GridReader read, ReportSubmission report, ReportReceipt receipt, ValidationErrors errors) =>
        (await ReadAsync(read, report, errors).ConfigureAwait(false)).Judge(report, receipt.Scope, errors);

    private static async Task<Reads> ReadAsync(SqlMapper.GridReader read, ReportSubmission report, ValidationErrors errors)
    {
        var head = await read.ReadSingleAsync<Head>().ConfigureAwait(false);
        var places = (await read.ReadAsync<CommunityPlace>().ConfigureAwait(false)).ToDictionary(r => r.Code, r => r.Locality, StringComparer.Ordinal);
        var misplaced = ReportRules.CheckPlaces(report, head.Locality != 0, places, errors);
        // Every result set read, even for a report without updates: Dapper cancels the command when a reader is left
        // with results unread, and on PostgreSQL a cancel request can reach the connection's next command.
        var states = await CommunityHistorySql.ReadAsync(read, report.Updates.Count).ConfigureAwait(false);
        return new Reads(head, misplaced, states);
    }

    /// <summary>
    /// In the write transaction: judges again the updates whose communities gained history since the reads
    /// (<paramref name="now"/>: where the history ends in the transaction). Empty when the report still holds (the usual case: nothing it touches changed, and nothing is read but the new rows' communities).
    /// </summary>
    public async Task<ValidationErrors> RecheckAsync(DbConnection connection, DbTransaction transaction, HistoryMark now, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var touched = await _mark.CommunitiesWrittenSinceAsync(connection, transaction, now, cancellationToken).ConfigureAwait(false);
        var again = touched.Count == 0 ? [] : _judged.Where(i => touched.Contains(_report.Updates[i].Community)).ToList();
        if (again.Count > 0)
        {
            Judge(again, await ReadStatesAsync(connection, transaction, again, cancellationToken).ConfigureAwait(false), errors);
        }
        return errors;
    }

    private Task<IReadOnlyList<CommunityState>> ReadStatesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<int> updates, CancellationToken cancellationToken) =>
        CommunityHistorySql.StatesAsOfAsync(connection, transaction, updates.Select(i => (_report.Updates[i].Community, _report.Updates[i].Effective)).ToList(), cancellationToken);

    /// <summary>Each update against its community's state before the report (one update per community: none sees another).</summary>
    private void Judge(IReadOnlyList<int> updates, IReadOnlyList<CommunityState> states, ValidationErrors errors)
    {
        for (var k = 0; k < updates.Count; k++)
        {
            var i = updates[k];
            var verdict = ReportRules.Judge(states[k], _report.Updates[i], _scope);
            errors.AddRange(verdict.Problems.Select(p => p.At($"updates[{i}].{p.Path}")));
            _changes[i] = verdict.Changes;
        }
    }

    private sealed record CommunityPlace(string Code, string Locality);

    /// <summary>What the judgement read: the head, the updates not in the locality, each update's community's state before it.</summary>
    private sealed record Reads(Head Head, IReadOnlySet<int> Misplaced, IReadOnlyList<CommunityState> States)
    {
        public ReportValidation Judge(ReportSubmission report, SubmitterScope scope, ValidationErrors errors)
        {
            var repeated = ReportRules.RepeatedCommunities(report.Updates);
            var judged = Enumerable.Range(0, report.Updates.Count).Where(i => !Misplaced.Contains(i) && !repeated.ContainsKey(i)).ToList();
            var earlier = Head is { ClaimHash: { } hash, ClaimReport: { } stored } ? new EarlierClaim(hash, stored) : null;
            var validation = new ReportValidation(report, scope, judged, new HistoryMark(Head.StageEvent, Head.Assessment), earlier, errors);
            validation.Judge(judged, judged.Select(i => States[i]).ToList(), errors);
            return validation;
        }
    }

    // Settable: the columns are expressions, whose SQLite type Dapper cannot match to a constructor.
    private sealed class Head
    {
        public long StageEvent { get; init; }

        public long Assessment { get; init; }

        public long Locality { get; init; }

        public string? ClaimHash { get; init; }

        public long? ClaimReport { get; init; }
    }
}
