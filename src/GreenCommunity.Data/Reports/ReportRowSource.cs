namespace GreenCommunity.Data.Reports;

/// <summary>
/// Where <see cref="CommunityListUpkeepSql"/>'s statements read a report's rows from, as SQL naming three row sets:
/// <c>e(code, stage, day)</c> its stage events, <c>a(code, criterion, value, met, day)</c> its assessments and <c>t(code)</c>
/// the communities it names, once each; and what narrows <c>community_state</c> to those communities where the planner
/// needs telling (<see cref="NamedFilter"/>, appended to a WHERE clause on <c>s</c>); and which appended stage events
/// <c>e</c> are the report's own (<see cref="OwnEvents"/>).
/// </summary>
/// <param name="OwnEvents">
/// The report's appended events, as a condition on <c>stage_events e</c>: SQLite by the id range after <c>@afterEvent</c>
/// (by the report's number it searched the report's index and read all of its events for each community, 3.7 s for
/// 5,000); PostgreSQL by <c>@report</c> (the write transaction's one plan for all arguments took an id range for a third
/// of the table and scanned it). The same rows: the write lock lets no other report append meanwhile.
/// </param>
internal sealed record ReportRowSource(string Events, string Assessments, string Named, string NamedFilter, string OwnEvents)
{
    /// <summary>SQLite: the report's JSON lists (<c>@events</c>, <c>@assessments</c>).</summary>
    public static ReportRowSource SqliteJson { get; } = new(
        "(SELECT j.value ->> 0 AS code, CAST(j.value ->> 1 AS INTEGER) AS stage, j.value ->> 2 AS day FROM json_each(@events) AS j) AS e",
        "(SELECT j.value ->> 0 AS code, CAST(j.value ->> 1 AS INTEGER) AS criterion, CAST(j.value ->> 2 AS DOUBLE PRECISION) AS value, CAST(j.value ->> 3 AS INTEGER) AS met, j.value ->> 4 AS day FROM json_each(@assessments) AS j) AS a",
        "(SELECT e.value ->> 0 AS code FROM json_each(@events) AS e UNION SELECT a.value ->> 0 FROM json_each(@assessments) AS a) AS t",
        "",
        "e.id > @afterEvent");

    /// <summary>PostgreSQL: the report's rows as one array per column (<see cref="CommunityListUpkeepSql.Arguments"/>).</summary>
    public static ReportRowSource PostgresArrays { get; } = new(
        "unnest(@eventCodes, @eventStages, @eventDays) AS e(code, stage, day)",
        "unnest(@assessmentCodes, @criteria, @values, @mets, @assessmentDays) AS a(code, criterion, value, met, day)",
        "unnest(@codes) AS t(code)",
        " AND s.community_code = ANY(@codes)",
        "e.report = @report");

    /// <summary>
    /// PostgreSQL, the history already appended: the report's rows are those after where the history ended before it
    /// (the write lock lets no other report append meanwhile), the named communities <c>@codes</c>.
    /// </summary>
    public static ReportRowSource PostgresAppended { get; } = new(
        "(SELECT community_code AS code, stage, effective AS day FROM stage_events WHERE id > @afterEvent) AS e",
        "(SELECT community_code AS code, criterion, value, met, effective AS day FROM criterion_assessments WHERE id > @afterAssessment) AS a",
        "unnest(@codes) AS t(code)",
        " AND s.community_code = ANY(@codes)",
        "e.report = @report");
}
