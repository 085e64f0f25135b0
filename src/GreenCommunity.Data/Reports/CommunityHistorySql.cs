using Dapper;
using GreenCommunity.Domain.Communities;
using Microsoft.Data.Sqlite;

namespace GreenCommunity.Data.Reports;

/// <summary>One community's state on a day, read from the append-only history (later receipt wins a tie).</summary>
internal static class CommunityHistorySql
{
    private const string StageAsOfSql =
        """
        SELECT
            (SELECT stage FROM stage_events
              WHERE community_code = @community AND effective <= @asOf
              ORDER BY effective DESC, id DESC LIMIT 1) AS Stage,
            EXISTS (SELECT 1 FROM stage_events
              WHERE community_code = @community AND effective <= @asOf AND stage = 1) AS WasPilot
        """;

    private const string CriteriaAsOfSql =
        """
        SELECT criterion AS Criterion, value AS Value FROM (
            SELECT criterion, value,
                   ROW_NUMBER() OVER (PARTITION BY criterion ORDER BY effective DESC, id DESC) AS rn
              FROM criterion_assessments
             WHERE community_code = @community AND effective <= @asOf)
         WHERE rn = 1
        """;

    public static async Task<(Stage Stage, bool WasPilot)> StageAsOfAsync(SqliteConnection connection, SqliteTransaction transaction, string community, DateOnly asOf, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleAsync<StageRow>(new CommandDefinition(StageAsOfSql,
            new { community, asOf }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return ((Stage)(row.Stage ?? 0), row.WasPilot != 0);
    }

    public static async Task<Dictionary<int, double>> CriteriaAsOfAsync(SqliteConnection connection, SqliteTransaction transaction, string community, DateOnly asOf, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<CriterionRow>(new CommandDefinition(CriteriaAsOfSql,
            new { community, asOf }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => (int)r.Criterion, r => r.Value);
    }

    private sealed record StageRow(long? Stage, long WasPilot);

    private sealed record CriterionRow(long Criterion, double Value);
}
