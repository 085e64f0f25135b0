using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// Appends a valid report's stage events and criterion assessments and moves the present forward, set-based: one
/// statement per table whatever the report's length, the rows passed as a JSON list.
/// </summary>
internal static class ReportHistorySql
{
    private const string LastStageEventSql = "SELECT COALESCE(MAX(id), 0) FROM stage_events";

    private const string LastAssessmentSql = "SELECT COALESCE(MAX(id), 0) FROM criterion_assessments";

    // Append the events, then move each community's present forward where its new event is now the latest.
    private static readonly EngineText s_appendStagesSql = new(engine =>
        $"""
        INSERT INTO stage_events (community_code, stage, effective, report)
        SELECT e.value ->> 0, CAST(e.value ->> 1 AS INTEGER), e.value ->> 2, @report FROM {StoreSql.JsonRows(engine, "@events", "e")} ORDER BY e.key;
        UPDATE community_state AS s
           SET stage = CASE WHEN s.effective IS NULL OR s.effective <= e.effective THEN e.stage ELSE s.stage END,
               event_id = CASE WHEN s.effective IS NULL OR s.effective <= e.effective THEN e.id ELSE s.event_id END,
               effective = CASE WHEN s.effective IS NULL OR s.effective <= e.effective THEN e.effective ELSE s.effective END,
               pilot = CASE WHEN s.pilot = 1 OR e.stage = 1 THEN 1 ELSE 0 END
          FROM stage_events e
         WHERE e.id > @after AND e.community_code = s.community_code;
        """);

    private static readonly EngineText s_appendCriteriaSql = new(engine =>
        $"""
        INSERT INTO criterion_assessments (community_code, criterion, value, met, effective, report)
        SELECT a.value ->> 0, CAST(a.value ->> 1 AS INTEGER), CAST(a.value ->> 2 AS DOUBLE PRECISION), CAST(a.value ->> 3 AS INTEGER), a.value ->> 4, @report
          FROM {StoreSql.JsonRows(engine, "@assessments", "a")} ORDER BY a.key;
        INSERT INTO community_criteria (community_code, criterion, value, met, effective, assessment_id)
        SELECT community_code, criterion, value, met, effective, id FROM criterion_assessments WHERE id > @after
        ON CONFLICT (community_code, criterion) DO UPDATE
           SET value = excluded.value, met = excluded.met, effective = excluded.effective, assessment_id = excluded.assessment_id
         WHERE community_criteria.effective <= excluded.effective;
        """);

    /// <summary>Writes every update of the report (each one already judged allowed) in <paramref name="transaction"/>.</summary>
    public static async Task AppendAsync(DbConnection connection, DbTransaction transaction, long report, ReportRows rows, CancellationToken cancellationToken)
    {
        if (rows.Events is { } events)
        {
            var after = await connection.ExecuteScalarAsync<long>(new CommandDefinition(LastStageEventSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(s_appendStagesSql.For(connection), new { report, after, events }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        if (rows.Assessments is { } assessments)
        {
            var after = await connection.ExecuteScalarAsync<long>(new CommandDefinition(LastAssessmentSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(s_appendCriteriaSql.For(connection), new { report, after, assessments }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }
}
