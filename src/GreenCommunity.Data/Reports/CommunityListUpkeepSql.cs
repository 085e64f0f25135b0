using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// Keeps the community list's columns of <c>community_state</c> (criteria met, which, criterion 12's share, the last
/// report, the last change) in step with a report, in its transaction and set-based like <see cref="ReportHistorySql"/>.
/// </summary>
internal static class CommunityListUpkeepSql
{
    // Before the present moves: a stage other than the present one, or a value other than the present one, is a change.
    private static readonly EngineText s_markChangesSql = new(engine =>
        $"""
        UPDATE community_state AS s
           SET last_change = CASE WHEN s.last_change IS NULL OR s.last_change < x.day THEN x.day ELSE s.last_change END
          FROM (SELECT code, MAX(day) AS day FROM (
                    SELECT e.value ->> 0 AS code, e.value ->> 2 AS day
                      FROM {StoreSql.JsonRows(engine, "@events", "e")} JOIN community_state p ON p.community_code = e.value ->> 0
                     WHERE p.stage <> CAST(e.value ->> 1 AS INTEGER)
                    UNION ALL
                    SELECT a.value ->> 0, a.value ->> 4
                      FROM {StoreSql.JsonRows(engine, "@assessments", "a")}
                      LEFT JOIN community_criteria k ON k.community_code = a.value ->> 0 AND k.criterion = CAST(a.value ->> 1 AS INTEGER)
                     WHERE k.value IS NULL OR k.value <> CAST(a.value ->> 2 AS DOUBLE PRECISION)) AS changed
                 GROUP BY code) AS x
         WHERE x.code = s.community_code;
        """);

    // After it moved: recount what is met now for each community the report named, and note the report.
    private static readonly EngineText s_recountSql = new(engine =>
        $"""
        UPDATE community_state AS s
           SET criteria_met = x.met, met_mask = x.mask, c12 = x.c12, last_report = @report
          FROM (SELECT t.code,
                       COALESCE(SUM(k.met), 0) AS met,
                       COALESCE(SUM(CASE WHEN k.met = 1 THEN CAST(1 AS BIGINT) << CAST(k.criterion - 1 AS INTEGER) ELSE 0 END), 0) AS mask,
                       MAX(CASE WHEN k.criterion = 12 THEN k.value END) AS c12
                  FROM (SELECT e.value ->> 0 AS code FROM {StoreSql.JsonRows(engine, "@events", "e")}
                        UNION
                        SELECT a.value ->> 0 FROM {StoreSql.JsonRows(engine, "@assessments", "a")}) AS t
                  LEFT JOIN community_criteria k ON k.community_code = t.code
                 GROUP BY t.code) AS x
         WHERE x.code = s.community_code;
        """);

    /// <summary>Notes the effective day of each update that changes a stage or a criterion's value; before the history is appended.</summary>
    public static Task MarkChangesAsync(DbConnection connection, DbTransaction transaction, ReportRows rows, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(s_markChangesSql.For(connection), new { events = rows.Events, assessments = rows.Assessments }, transaction, cancellationToken: cancellationToken));

    /// <summary>Recounts the named communities' criteria and notes <paramref name="report"/> as their last; after the history is appended.</summary>
    public static Task RecountAsync(DbConnection connection, DbTransaction transaction, long report, ReportRows rows, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(s_recountSql.For(connection), new { report, events = rows.Events, assessments = rows.Assessments }, transaction, cancellationToken: cancellationToken));
}
