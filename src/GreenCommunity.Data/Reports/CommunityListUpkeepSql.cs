using System.Data.Common;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// Keeps the community list's columns of <c>community_state</c> (criteria met, which, criterion 12's share, the last
/// report, the last change) in step with a report, in its transaction and set-based like <see cref="ReportHistorySql"/>.
/// Where the statements read the report's rows from is a <see cref="ReportRowSource"/>: SQLite's JSON lists, PostgreSQL's
/// arrays (whose length its planner knows: over a JSON list it guesses 100 rows and joined them to every community by
/// scanning <c>community_state</c> and <c>community_criteria</c> whole, docs/PERFORMANCE.md), or, for a large report on
/// PostgreSQL, the history rows it has just appended (<see cref="ReportHistoryCopy"/>).
/// </summary>
internal static class CommunityListUpkeepSql
{
    // Before the present moves: a stage other than the present one, or a value other than the present one, is a change.
    // On PostgreSQL the present rows are also found by the named communities' codes: the planner cannot tell how many
    // communities the grouped changes hold (it assumed dozens and scanned community_state whole, 18 ms on the demo store).
    /// <summary>
    /// Notes the effective day of each update that changes a stage or a criterion's value; before the present moves
    /// (<c>community_state</c>'s stage and <c>community_criteria</c>, which it compares with).
    /// </summary>
    public static string MarkChanges(StoreEngine engine) => MarkChanges(ReportRowSource.Of(engine));

    /// <inheritdoc cref="MarkChanges(StoreEngine)"/>
    public static string MarkChanges(ReportRowSource source) =>
        $"""
        UPDATE community_state AS s
           SET last_change = CASE WHEN s.last_change IS NULL OR s.last_change < x.day THEN x.day ELSE s.last_change END
          FROM (SELECT code, MAX(day) AS day FROM (
                    SELECT e.code, e.day
                      FROM {source.Events} JOIN community_state p ON p.community_code = e.code
                     WHERE p.stage <> e.stage
                    UNION ALL
                    SELECT a.code, a.day
                      FROM {source.Assessments}
                      LEFT JOIN community_criteria k ON k.community_code = a.code AND k.criterion = a.criterion
                     WHERE k.value IS NULL OR k.value <> a.value) AS changed
                 GROUP BY code) AS x
         WHERE x.code = s.community_code{source.NamedFilter}
        """;

    // One UPDATE for what was two (the present stage's move, then the recount): a community the report gave a stage
    // event (at most one: a report names a community once) takes it where it is the latest (a tie goes to the later
    // receipt), and becomes a pilot for good with a stage-1 event; every named community gets its criteria counted.
    /// <summary>
    /// After the history is appended: moves the present stage, recounts what is met now for each community the report
    /// named, and notes the report as their last.
    /// </summary>
    public static string MoveAndRecount(StoreEngine engine) => MoveAndRecount(ReportRowSource.Of(engine));

    /// <inheritdoc cref="MoveAndRecount(StoreEngine)"/>
    public static string MoveAndRecount(ReportRowSource source) =>
        $"""
        UPDATE community_state AS s
           SET stage = CASE WHEN x.event_id IS NOT NULL AND (s.effective IS NULL OR s.effective <= x.effective) THEN x.stage ELSE s.stage END,
               event_id = CASE WHEN x.event_id IS NOT NULL AND (s.effective IS NULL OR s.effective <= x.effective) THEN x.event_id ELSE s.event_id END,
               effective = CASE WHEN x.event_id IS NOT NULL AND (s.effective IS NULL OR s.effective <= x.effective) THEN x.effective ELSE s.effective END,
               pilot = CASE WHEN x.stage = 1 THEN 1 ELSE s.pilot END,
               criteria_met = x.met, met_mask = x.mask, c12 = x.c12, last_report = @report
          FROM (SELECT c.code, c.met, c.mask, c.c12, e.id AS event_id, e.stage, e.effective
                  FROM (SELECT t.code,
                               COALESCE(SUM(k.met), 0) AS met,
                               COALESCE(SUM(CASE WHEN k.met = 1 THEN CAST(1 AS BIGINT) << CAST(k.criterion - 1 AS INTEGER) ELSE 0 END), 0) AS mask,
                               MAX(CASE WHEN k.criterion = 12 THEN k.value END) AS c12
                          FROM {source.Named}
                          LEFT JOIN community_criteria k ON k.community_code = t.code
                         GROUP BY t.code) AS c
                  LEFT JOIN stage_events e ON e.community_code = c.code AND {source.OwnEvents}) AS x
         WHERE x.code = s.community_code
        """;

    /// <summary>
    /// The arguments of the report's statements (<see cref="ReportHistorySql"/>, which holds them with these): its rows as
    /// JSON lists, and on PostgreSQL as arrays too; the report's number and where the history ended before it.
    /// </summary>
    public static object Arguments(DbConnection connection, ReportRows rows, long report, long afterEvent, long afterAssessment)
    {
        if (StoreSql.EngineOf(connection) != StoreEngine.Postgres)
        {
            return new { report, afterEvent, afterAssessment, events = rows.Events, assessments = rows.Assessments };
        }
        return new
        {
            report,
            afterEvent,
            afterAssessment,
            events = rows.Events,
            assessments = rows.Assessments,
            codes = NamedCodes(rows),
            eventCodes = rows.EventRows.Select(e => e.Community).ToArray(),
            eventStages = rows.EventRows.Select(e => e.Stage).ToArray(),
            eventDays = rows.EventRows.Select(e => e.Effective).ToArray(),
            assessmentCodes = rows.AssessmentRows.Select(a => a.Community).ToArray(),
            criteria = rows.AssessmentRows.Select(a => a.Criterion).ToArray(),
            values = rows.AssessmentRows.Select(a => a.Value).ToArray(),
            assessmentDays = rows.AssessmentRows.Select(a => a.Effective).ToArray(),
        };
    }

    /// <summary>Every community the report names by an event or an assessment, once (<c>@codes</c> on PostgreSQL).</summary>
    public static string[] NamedCodes(ReportRows rows) =>
        rows.EventRows.Select(e => e.Community).Concat(rows.AssessmentRows.Select(a => a.Community)).Distinct(StringComparer.Ordinal).ToArray();
}
