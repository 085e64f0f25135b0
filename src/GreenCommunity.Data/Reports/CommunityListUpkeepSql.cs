using System.Data.Common;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// Keeps the community list's columns of <c>community_state</c> (criteria met, which, criterion 12's share, the last
/// report, the last change) in step with a report, in its transaction and set-based like <see cref="ReportHistorySql"/>.
/// SQLite in two UPDATEs, PostgreSQL in one. Where the statements read the report's rows from is a <see cref="ReportRowSource"/>:
/// SQLite's JSON lists, PostgreSQL's arrays (whose length its planner knows: over a JSON list it guesses 100 rows and
/// joined them to every community by scanning <c>community_state</c> and <c>community_criteria</c> whole,
/// docs/PERFORMANCE.md), or, for a large report on PostgreSQL, the history rows it has just appended (<see cref="ReportHistoryCopy"/>).
/// </summary>
internal static class CommunityListUpkeepSql
{
    // Before the present moves: a stage other than the present one, or a value other than the present one, is a change.
    /// <summary>
    /// SQLite: notes the effective day of each update that changes a stage or a criterion's value; before the present
    /// moves (<c>community_state</c>'s stage and <c>community_criteria</c>, which it compares with).
    /// </summary>
    public static string MarkChanges { get; } = MarkChangesFrom(ReportRowSource.SqliteJson);

    private static string MarkChangesFrom(ReportRowSource source) =>
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
    /// SQLite, after the history and the present criteria moved: moves the present stage, recounts what is met now for
    /// each community the report named, and notes the report as their last.
    /// </summary>
    public static string MoveAndRecount { get; } = MoveAndRecountFrom(ReportRowSource.SqliteJson);

    private static string MoveAndRecountFrom(ReportRowSource source) =>
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

    // PostgreSQL: one UPDATE for SQLite's two (MarkChanges, then MoveAndRecount over the moved present), each of which
    // wrote a new version of the same rows: for a 5,000-update report the two took 412-506 ms, this one 217 ms
    // (pg_stat_statements). On SQLite, which updates a row in place, the one took longer than the two (to prepare 174
    // against 142 µs, to run 250 against 208 µs for a 3-update report), so SQLite keeps them.
    // It runs before the present criteria move, and counts what they will be: the present's criteria as they are, plus,
    // for each of the report's assessments that will replace the present one (the present's day not after its own, as
    // the upsert and the MERGE decide), its difference from it (criterion 12's value taken from it); each assessment
    // joined to its present criterion by the key. Every assessment whose value differs from the present's marks a change
    // on its day, latest or not, as does a stage event whose stage differs from the present stage (read from s before it
    // is set). A report names a community's criterion once, and a community once.
    /// <summary>
    /// PostgreSQL: <see cref="MarkChanges"/> and <see cref="MoveAndRecount"/> in one statement, run before the present
    /// criteria move, after the report's stage events are appended: moves the present stage (a community's new event where
    /// it is the latest, a tie to the later receipt; a pilot for good with a stage-1 event), recounts what is met for each
    /// community the report names, notes the report as their last, and the latest day a stage or a criterion's value changed.
    /// </summary>
    public static string MarkMoveAndRecount(ReportRowSource source)
    {
        var moves = "x.event_id IS NOT NULL AND (s.effective IS NULL OR s.effective <= x.effective)";
        var stageChange = "CASE WHEN x.event_id IS NOT NULL AND s.stage <> x.stage THEN x.effective END";
        var replaces = "(k.effective IS NULL OR k.effective <= a.day)";
        static string Bit(string met, string criterion) => $"CASE WHEN {met} = 1 THEN CAST(1 AS BIGINT) << CAST({criterion} - 1 AS INTEGER) ELSE 0 END";
        return $"""
            UPDATE community_state AS s
               SET stage = CASE WHEN {moves} THEN x.stage ELSE s.stage END,
                   event_id = CASE WHEN {moves} THEN x.event_id ELSE s.event_id END,
                   effective = CASE WHEN {moves} THEN x.effective ELSE s.effective END,
                   pilot = CASE WHEN x.stage = 1 THEN 1 ELSE s.pilot END,
                   criteria_met = x.met, met_mask = x.mask, c12 = x.c12, last_report = @report,
                   last_change = GREATEST(s.last_change, x.changed, {stageChange})
              FROM (SELECT c.code, c.met, c.mask, c.c12, c.changed, e.id AS event_id, e.stage, e.effective
                      FROM (SELECT d.code, COALESCE(SUM(d.met), 0) AS met, COALESCE(SUM(d.mask), 0) AS mask,
                                   COALESCE(MAX(d.new12), MAX(d.old12)) AS c12, MAX(d.changed) AS changed
                              FROM (SELECT t.code, k.met, {Bit("k.met", "k.criterion")} AS mask,
                                           CASE WHEN k.criterion = 12 THEN k.value END AS old12, NULL AS new12, NULL AS changed
                                      FROM {source.Named}
                                      LEFT JOIN community_criteria k ON k.community_code = t.code
                                    UNION ALL
                                    SELECT a.code,
                                           CASE WHEN {replaces} THEN a.met - COALESCE(k.met, 0) ELSE 0 END,
                                           CASE WHEN {replaces} THEN {Bit("a.met", "a.criterion")} - {Bit("k.met", "a.criterion")} ELSE 0 END,
                                           NULL,
                                           CASE WHEN {replaces} AND a.criterion = 12 THEN a.value END,
                                           CASE WHEN k.value IS NULL OR k.value <> a.value THEN a.day END
                                      FROM {source.Assessments}
                                      LEFT JOIN community_criteria k ON k.community_code = a.code AND k.criterion = a.criterion) AS d
                             GROUP BY d.code) AS c
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
