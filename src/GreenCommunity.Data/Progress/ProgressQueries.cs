using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Data.Progress;

/// <summary>
/// Stage counts per county-level unit: from the current-state table for today, from the history for a past day.
/// A day before the first event finds every community not started.
/// </summary>
public sealed class ProgressQueries(StoreDatabase database)
{
    private const string CurrentSql =
        """
        SELECT c.county_code AS County,
               COUNT(*) AS Communities,
               COALESCE(SUM(s.stage = 0), 0) AS NotStarted,
               COALESCE(SUM(s.stage = 1), 0) AS Pilot,
               COALESCE(SUM(s.stage = 2), 0) AS InProgress,
               COALESCE(SUM(s.stage = 3), 0) AS Accepted,
               COALESCE(SUM(s.pilot), 0) AS PilotsEver
          FROM communities c
          JOIN community_state s ON s.community_code = c.code
         GROUP BY c.county_code
        """;

    private const string AsOfSql =
        """
        WITH latest AS (
            SELECT community_code, stage FROM (
                SELECT community_code, stage,
                       ROW_NUMBER() OVER (PARTITION BY community_code ORDER BY effective DESC, id DESC) AS rn
                  FROM stage_events
                 WHERE effective <= @asOf)
             WHERE rn = 1),
        pilots AS (
            SELECT DISTINCT community_code FROM stage_events WHERE stage = 1 AND effective <= @asOf)
        SELECT c.county_code AS County,
               COUNT(*) AS Communities,
               COALESCE(SUM(COALESCE(l.stage, 0) = 0), 0) AS NotStarted,
               COALESCE(SUM(l.stage = 1), 0) AS Pilot,
               COALESCE(SUM(l.stage = 2), 0) AS InProgress,
               COALESCE(SUM(l.stage = 3), 0) AS Accepted,
               COALESCE(SUM(p.community_code IS NOT NULL), 0) AS PilotsEver
          FROM communities c
          LEFT JOIN latest l ON l.community_code = c.code
          LEFT JOIN pilots p ON p.community_code = c.code
         GROUP BY c.county_code
        """;

    /// <summary>Counts as they stand now (every recorded change is effective by now).</summary>
    public Task<IReadOnlyDictionary<string, ProgressFigures>> GetCurrentByCountyAsync(CancellationToken cancellationToken) =>
        QueryAsync(CurrentSql, null, cancellationToken);

    /// <summary>Counts as they stood at the end of a day, from the history.</summary>
    public Task<IReadOnlyDictionary<string, ProgressFigures>> GetByCountyAsOfAsync(DateOnly asOf, CancellationToken cancellationToken) =>
        QueryAsync(AsOfSql, new { asOf }, cancellationToken);

    private async Task<IReadOnlyDictionary<string, ProgressFigures>> QueryAsync(string sql, object? args, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CountyRow>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(
            r => r.County,
            r => new ProgressFigures((int)r.Communities, (int)r.NotStarted, (int)r.Pilot, (int)r.InProgress, (int)r.Accepted, (int)r.PilotsEver),
            StringComparer.Ordinal);
    }

    private sealed record CountyRow(string County, long Communities, long NotStarted, long Pilot, long InProgress, long Accepted, long PilotsEver);
}
