using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// Appends a valid report's stage events and criterion assessments and moves the present forward, set-based: one
/// statement per table whatever the report's length, the rows passed as a JSON list, and all of them one command (one
/// round trip on PostgreSQL) with the community list's upkeep (<see cref="CommunityListUpkeepSql"/>).
/// </summary>
internal static class ReportHistorySql
{
    /// <summary>
    /// The report's statements in order. SQLite: 1. the change marks, against the present before it moves; 2. the events
    /// and 3. the assessments appended (none for a null list); 4. the present criteria moved where the new assessment is
    /// the latest; 5. the present stage moved where the new event is the latest, the criteria recounted and the report
    /// noted. PostgreSQL: the events and the assessments appended; the marks, the move and the recount in one UPDATE,
    /// over the present criteria they will move to; then the present criteria moved.
    /// </summary>
    internal static IReadOnlyList<string> Statements(StoreEngine engine) => engine == StoreEngine.Postgres
        ? [AppendEvents(engine), AppendAssessments(engine), CommunityListUpkeepSql.MarkMoveAndRecount(ReportRowSource.PostgresArrays), UpsertPresentCriteria]
        :
        [
            CommunityListUpkeepSql.MarkChanges, AppendEvents(engine), AppendAssessments(engine), UpsertPresentCriteria,
            CommunityListUpkeepSql.MoveAndRecount,
        ];

    private static string AppendEvents(StoreEngine engine) =>
        $"""
        INSERT INTO stage_events (community_code, stage, effective, report)
        SELECT e.value ->> 0, CAST(e.value ->> 1 AS INTEGER), e.value ->> 2, @report FROM {StoreSql.JsonRows(engine, "@events", "e")} ORDER BY e.key
        """;

    private static string AppendAssessments(StoreEngine engine) =>
        $"""
        INSERT INTO criterion_assessments (community_code, criterion, value, met, effective, report)
        SELECT a.value ->> 0, CAST(a.value ->> 1 AS INTEGER), CAST(a.value ->> 2 AS DOUBLE PRECISION), CAST(a.value ->> 3 AS INTEGER), a.value ->> 4, @report
          FROM {StoreSql.JsonRows(engine, "@assessments", "a")} ORDER BY a.key
        """;

    /// <summary>The present criteria moved where the report's new assessment (after <c>@afterAssessment</c>) is the latest.</summary>
    internal const string UpsertPresentCriteria =
        """
        INSERT INTO community_criteria (community_code, criterion, value, met, effective, assessment_id)
        SELECT community_code, criterion, value, met, effective, id FROM criterion_assessments WHERE id > @afterAssessment
        ON CONFLICT (community_code, criterion) DO UPDATE
           SET value = excluded.value, met = excluded.met, effective = excluded.effective, assessment_id = excluded.assessment_id
         WHERE community_criteria.effective <= excluded.effective
        """;

    private static readonly EngineText s_appendSql = new(engine => string.Join(";\n", Statements(engine)) + ";");

    /// <summary>
    /// Writes every update of the report numbered <paramref name="start"/>.Report (each one already judged allowed) in
    /// <paramref name="transaction"/>, which <paramref name="start"/> was read in: its rows come after the history's end there.
    /// In the same command, <paramref name="before"/> goes first, the report's own rows, and <paramref name="after"/> last,
    /// further writes (the timelines'); <paramref name="args"/> are the arguments of both. A large report on PostgreSQL goes
    /// by COPY instead (<see cref="ReportHistoryCopy"/>), to the same rows: <paramref name="before"/> in a command of its own,
    /// then the COPY, then the rest. The report's own row comes before its history either way, as PostgreSQL's check of
    /// the history's references (migration 0018) wants it at the end of each statement.
    /// </summary>
    public static Task AppendAsync(DbConnection connection, DbTransaction transaction, WriteStart start, ReportRows rows, string before, string after,
        DynamicParameters args, CancellationToken cancellationToken) =>
        AppendAsync(connection, transaction, start, rows, ReportHistoryCopy.Suits(connection, rows) ? AppendWay.Copy : AppendWay.OneCommand, before, after, args,
            cancellationToken);

    /// <summary>As the overload without <paramref name="way"/>, the way given (COPY on PostgreSQL only).</summary>
    internal static async Task AppendAsync(DbConnection connection, DbTransaction transaction, WriteStart start, ReportRows rows, AppendWay way,
        string before, string after, DynamicParameters args, CancellationToken cancellationToken)
    {
        if (way == AppendWay.Copy)
        {
            await connection.ExecuteAsync(new CommandDefinition(before, args, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await ReportHistoryCopy.CopyAsync(connection, transaction, start, rows, cancellationToken).ConfigureAwait(false);
            var rest = new DynamicParameters(ReportHistoryCopy.Arguments(start, rows));
            rest.AddDynamicParams(args);
            await connection.ExecuteAsync(new CommandDefinition($"{ReportHistoryCopy.PresentSql}\n{after}", rest, transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false);
            return;
        }
        var all = new DynamicParameters(args);
        all.AddDynamicParams(CommunityListUpkeepSql.Arguments(connection, rows, start.Report, start.StageEvent, start.Assessment));
        await connection.ExecuteAsync(new CommandDefinition($"{before};\n{s_appendSql.For(connection)}\n{after}", all, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }
}

/// <summary>How a report's history goes to the store: its statements in one command, or (PostgreSQL) its rows by COPY first.</summary>
internal enum AppendWay
{
    OneCommand,
    Copy,
}
