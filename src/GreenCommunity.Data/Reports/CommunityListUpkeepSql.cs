using System.Data.Common;
using System.Text.Json;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// Keeps the community list's columns of <c>community_state</c> (criteria met, which, criterion 12's share, the last
/// report, the last change) in step with a report, in its transaction and set-based like <see cref="ReportHistorySql"/>.
/// SQLite reads the report's rows as JSON lists; PostgreSQL takes them as arrays (<see cref="Columns"/>), whose length
/// its planner knows: over a JSON list it guesses 100 rows and joined them to every community by scanning
/// <c>community_state</c> and <c>community_criteria</c> whole (docs/PERFORMANCE.md).
/// </summary>
internal static class CommunityListUpkeepSql
{
    // Before the present moves: a stage other than the present one, or a value other than the present one, is a change.
    // On PostgreSQL the present rows are also found by the named communities' codes: the planner cannot tell how many
    // communities the grouped changes hold (it assumed dozens and scanned community_state whole, 18 ms on the demo store).
    /// <summary>Notes the effective day of each update that changes a stage or a criterion's value; before the history is appended.</summary>
    public static string MarkChanges(StoreEngine engine) =>
        $"""
        UPDATE community_state AS s
           SET last_change = CASE WHEN s.last_change IS NULL OR s.last_change < x.day THEN x.day ELSE s.last_change END
          FROM (SELECT code, MAX(day) AS day FROM (
                    SELECT e.code, e.day
                      FROM {Events(engine)} JOIN community_state p ON p.community_code = e.code
                     WHERE p.stage <> e.stage
                    UNION ALL
                    SELECT a.code, a.day
                      FROM {Assessments(engine)}
                      LEFT JOIN community_criteria k ON k.community_code = a.code AND k.criterion = a.criterion
                     WHERE k.value IS NULL OR k.value <> a.value) AS changed
                 GROUP BY code) AS x
         WHERE x.code = s.community_code{(engine == StoreEngine.Postgres ? " AND s.community_code = ANY(@codes)" : "")}
        """;

    // One UPDATE for what was two (the present stage's move, then the recount): a community the report gave a stage
    // event (at most one: a report names a community once) takes it where it is the latest (a tie goes to the later
    // receipt), and becomes a pilot for good with a stage-1 event; every named community gets its criteria counted.
    /// <summary>
    /// After the history is appended: moves the present stage, recounts what is met now for each community the report
    /// named, and notes the report as their last.
    /// </summary>
    public static string MoveAndRecount(StoreEngine engine) =>
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
                          FROM {Named(engine)}
                          LEFT JOIN community_criteria k ON k.community_code = t.code
                         GROUP BY t.code) AS c
                  LEFT JOIN stage_events e ON e.community_code = c.code AND e.id > @afterEvent) AS x
         WHERE x.code = s.community_code
        """;

    /// <summary>The report's stage events as rows <c>e(code, stage, day)</c>.</summary>
    private static string Events(StoreEngine engine) => engine == StoreEngine.Postgres
        ? "unnest(@eventCodes, @eventStages, @eventDays) AS e(code, stage, day)"
        : "(SELECT j.value ->> 0 AS code, CAST(j.value ->> 1 AS INTEGER) AS stage, j.value ->> 2 AS day FROM json_each(@events) AS j) AS e";

    /// <summary>The report's criterion assessments as rows <c>a(code, criterion, value, day)</c>.</summary>
    private static string Assessments(StoreEngine engine) => engine == StoreEngine.Postgres
        ? "unnest(@assessmentCodes, @criteria, @values, @assessmentDays) AS a(code, criterion, value, day)"
        : "(SELECT j.value ->> 0 AS code, CAST(j.value ->> 1 AS INTEGER) AS criterion, CAST(j.value ->> 2 AS DOUBLE PRECISION) AS value, j.value ->> 4 AS day FROM json_each(@assessments) AS j) AS a";

    /// <summary>The communities the report names, once each, as rows <c>t(code)</c>.</summary>
    private static string Named(StoreEngine engine) => engine == StoreEngine.Postgres
        ? "unnest(@codes) AS t(code)"
        : "(SELECT e.value ->> 0 AS code FROM json_each(@events) AS e UNION SELECT a.value ->> 0 FROM json_each(@assessments) AS a) AS t";

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
        var columns = Columns.Of(rows);
        return new
        {
            report,
            afterEvent,
            afterAssessment,
            events = rows.Events,
            assessments = rows.Assessments,
            codes = columns.NamedCodes(),
            eventCodes = columns.EventCodes,
            eventStages = columns.EventStages,
            eventDays = columns.EventDays,
            assessmentCodes = columns.AssessmentCodes,
            criteria = columns.Criteria,
            values = columns.Values,
            assessmentDays = columns.AssessmentDays,
        };
    }

    /// <summary>
    /// A report's rows (<see cref="ReportRows"/>' JSON lists) as one array per column, for PostgreSQL's <c>unnest</c>;
    /// empty where the report has no such rows. Read back from the JSON (milliseconds for 80,000 assessments).
    /// </summary>
    private sealed class Columns
    {
        private readonly List<string> _eventCodes = [];
        private readonly List<long> _eventStages = [];
        private readonly List<string> _eventDays = [];
        private readonly List<string> _assessmentCodes = [];
        private readonly List<long> _criteria = [];
        private readonly List<double> _values = [];
        private readonly List<string> _assessmentDays = [];

        public static Columns Of(ReportRows rows)
        {
            var columns = new Columns();
            Read(rows.Events, row =>   // [community, stage, effective]
            {
                columns._eventCodes.Add(row[0].GetString()!);
                columns._eventStages.Add(row[1].GetInt64());
                columns._eventDays.Add(row[2].GetString()!);
            });
            Read(rows.Assessments, row =>   // [community, criterion, value, met, effective]
            {
                columns._assessmentCodes.Add(row[0].GetString()!);
                columns._criteria.Add(row[1].GetInt64());
                columns._values.Add(row[2].GetDouble());
                columns._assessmentDays.Add(row[4].GetString()!);
            });
            return columns;
        }

        public string[] EventCodes => [.. _eventCodes];

        public long[] EventStages => [.. _eventStages];

        public string[] EventDays => [.. _eventDays];

        public string[] AssessmentCodes => [.. _assessmentCodes];

        public long[] Criteria => [.. _criteria];

        public double[] Values => [.. _values];

        public string[] AssessmentDays => [.. _assessmentDays];

        /// <summary>Every community named by an event or an assessment, once.</summary>
        public string[] NamedCodes() => _eventCodes.Concat(_assessmentCodes).Distinct(StringComparer.Ordinal).ToArray();

        private static void Read(string? json, Action<JsonElement> row)
        {
            if (json is null)
            {
                return;
            }
            using var document = JsonDocument.Parse(json);
            foreach (var element in document.RootElement.EnumerateArray())
            {
                row(element);
            }
        }
    }
}
