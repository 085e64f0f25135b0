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
    // One UPDATE for what were two (the change marks against the present, then the move and the recount over the moved
    // present), each of which rewrote the same rows: 261 and 245 ms for a 5,000-update report on PostgreSQL (auto_explain).
    // So it runs before the present criteria move, and reads the present they will have: per criterion, the report's
    // assessment where it is the latest (as the upsert decides: the present's day not after it), else the present's.
    // Every assessment whose value differs from the present's marks a change on its day, latest or not, as does a stage
    // event whose stage differs from the present stage (read from s before it is set). A report names a community's
    // criterion once, and a community once.
    /// <summary>
    /// Before the present criteria move, after the report's stage events are appended: moves the present stage (a
    /// community's new event where it is the latest, a tie to the later receipt; a pilot for good with a stage-1 event),
    /// recounts what is met for each community the report names, notes the report as their last, and the latest day a
    /// stage or a criterion's value changed.
    /// </summary>
    public static string MoveAndRecount(StoreEngine engine) => MoveAndRecount(ReportRowSource.Of(engine));

    /// <inheritdoc cref="MoveAndRecount(StoreEngine)"/>
    public static string MoveAndRecount(ReportRowSource source)
    {
        var moves = "x.event_id IS NOT NULL AND (s.effective IS NULL OR s.effective <= x.effective)";
        var stageChange = "CASE WHEN x.event_id IS NOT NULL AND s.stage <> x.stage THEN x.effective END";
        return $"""
            UPDATE community_state AS s
               SET stage = CASE WHEN {moves} THEN x.stage ELSE s.stage END,
                   event_id = CASE WHEN {moves} THEN x.event_id ELSE s.event_id END,
                   effective = CASE WHEN {moves} THEN x.effective ELSE s.effective END,
                   pilot = CASE WHEN x.stage = 1 THEN 1 ELSE s.pilot END,
                   criteria_met = x.met, met_mask = x.mask, c12 = x.c12, last_report = @report,
                   last_change = {source.Latest("s.last_change", "x.changed", stageChange)}
              FROM (SELECT c.code, c.met, c.mask, c.c12, c.changed, e.id AS event_id, e.stage, e.effective
                      FROM (SELECT present.code,
                                   COALESCE(SUM(present.met), 0) AS met,
                                   COALESCE(SUM(CASE WHEN present.met = 1 THEN CAST(1 AS BIGINT) << CAST(present.criterion - 1 AS INTEGER) ELSE 0 END), 0) AS mask,
                                   MAX(CASE WHEN present.criterion = 12 THEN present.value END) AS c12,
                                   MAX(present.changed) AS changed
                              FROM (SELECT t.code, k.criterion, k.met, k.value, NULL AS changed
                                      FROM {source.Named}
                                      JOIN community_criteria k ON k.community_code = t.code
                                      LEFT JOIN {source.Assessments} ON a.code = k.community_code AND a.criterion = k.criterion
                                     WHERE a.code IS NULL OR k.effective > a.day
                                    UNION ALL
                                    SELECT a.code, a.criterion,
                                           CASE WHEN k.effective IS NULL OR k.effective <= a.day THEN a.met END,
                                           CASE WHEN k.effective IS NULL OR k.effective <= a.day THEN a.value END,
                                           CASE WHEN k.value IS NULL OR k.value <> a.value THEN a.day END
                                      FROM {source.Assessments}
                                      LEFT JOIN community_criteria k ON k.community_code = a.code AND k.criterion = a.criterion
                                    UNION ALL
                                    SELECT t.code, NULL, NULL, NULL, NULL FROM {source.Named}) AS present
                             GROUP BY present.code) AS c
                      LEFT JOIN stage_events e ON e.community_code = c.code AND {source.OwnEvents}) AS x
             WHERE x.code = s.community_code{source.NamedFilter}
            """;
    }

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
            mets = rows.AssessmentRows.Select(a => a.Met).ToArray(),
            assessmentDays = rows.AssessmentRows.Select(a => a.Effective).ToArray(),
        };
    }

    /// <summary>Every community the report names by an event or an assessment, once (<c>@codes</c> on PostgreSQL).</summary>
    public static string[] NamedCodes(ReportRows rows) =>
        rows.EventRows.Select(e => e.Community).Concat(rows.AssessmentRows.Select(a => a.Community)).Distinct(StringComparer.Ordinal).ToArray();
}
