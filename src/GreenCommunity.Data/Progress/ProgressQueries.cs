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
               COUNT(*) FILTER (WHERE s.stage = 0) AS NotStarted,
               COUNT(*) FILTER (WHERE s.stage = 1) AS Pilot,
               COUNT(*) FILTER (WHERE s.stage = 2) AS InProgress,
               COUNT(*) FILTER (WHERE s.stage = 3) AS Accepted,
               COUNT(*) FILTER (WHERE s.pilot = 1) AS PilotsEver
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
                 WHERE effective <= @asOf) AS ranked
             WHERE rn = 1),
        pilots AS (
            SELECT DISTINCT community_code FROM stage_events WHERE stage = 1 AND effective <= @asOf)
        SELECT c.county_code AS County,
               COUNT(*) AS Communities,
               COUNT(*) FILTER (WHERE COALESCE(l.stage, 0) = 0) AS NotStarted,
               COUNT(*) FILTER (WHERE l.stage = 1) AS Pilot,
               COUNT(*) FILTER (WHERE l.stage = 2) AS InProgress,
               COUNT(*) FILTER (WHERE l.stage = 3) AS Accepted,
               COUNT(*) FILTER (WHERE p.community_code IS NOT NULL) AS PilotsEver
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
