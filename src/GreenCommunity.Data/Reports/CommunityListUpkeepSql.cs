using Dapper;
using Microsoft.Data.Sqlite;

namespace GreenCommunity.Data.Reports;

/// <summary>
/// Keeps the community list's columns of <c>community_state</c> (criteria met, which, criterion 12's share, the last
/// report, the last change) in step with a report, in its transaction and set-based like <see cref="ReportHistorySql"/>.
/// </summary>
internal static class CommunityListUpkeepSql
{
    // Before the present moves: a stage other than the present one, or a value other than the present one, is a change.
    private const string MarkChangesSql =
        """
        UPDATE community_state AS s
           SET last_change = CASE WHEN s.last_change IS NULL OR s.last_change < x.day THEN x.day ELSE s.last_change END
          FROM (SELECT code, MAX(day) AS day FROM (
                    SELECT e.value ->> 0 AS code, e.value ->> 2 AS day
                      FROM json_each(@events) e JOIN community_state p ON p.community_code = e.value ->> 0
                     WHERE p.stage <> e.value ->> 1
                    UNION ALL
                    SELECT a.value ->> 0, a.value ->> 4
                      FROM json_each(@assessments) a
                      LEFT JOIN community_criteria k ON k.community_code = a.value ->> 0 AND k.criterion = a.value ->> 1
                     WHERE k.value IS NULL OR k.value <> a.value ->> 2)
                 GROUP BY code) AS x
         WHERE x.code = s.community_code;
        """;

    // After it moved: recount what is met now for each community the report named, and note the report.
    private const string RecountSql =
        """
        UPDATE community_state AS s
           SET criteria_met = x.met, met_mask = x.mask, c12 = x.c12, last_report = @report
          FROM (SELECT t.code,
                       COALESCE(SUM(k.met), 0) AS met,
                       COALESCE(SUM(CASE WHEN k.met THEN 1 << (k.criterion - 1) ELSE 0 END), 0) AS mask,
                       MAX(CASE WHEN k.criterion = 12 THEN k.value END) AS c12
                  FROM (SELECT value ->> 0 AS code FROM json_each(@events)
                        UNION
                        SELECT value ->> 0 FROM json_each(@assessments)) AS t
                  LEFT JOIN community_criteria k ON k.community_code = t.code
                 GROUP BY t.code) AS x
         WHERE x.code = s.community_code;
        """;

    /// <summary>Notes the effective day of each update that changes a stage or a criterion's value; before the history is appended.</summary>
    public static Task MarkChangesAsync(SqliteConnection connection, SqliteTransaction transaction, ReportRows rows, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(MarkChangesSql, new { events = rows.Events, assessments = rows.Assessments }, transaction, cancellationToken: cancellationToken));

    /// <summary>Recounts the named communities' criteria and notes <paramref name="report"/> as their last; after the history is appended.</summary>
    public static Task RecountAsync(SqliteConnection connection, SqliteTransaction transaction, long report, ReportRows rows, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(RecountSql, new { report, events = rows.Events, assessments = rows.Assessments }, transaction, cancellationToken: cancellationToken));
}
