using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Data.Tests.Progress;

/// <summary>
/// The figures of a past day as the product computed them before the county timeline: one window over every stage event
/// (fine at Hubei's size, far too slow nationally). Kept here as the oracle the timeline must equal.
/// </summary>
public static class WindowOracle
{
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

    public static async Task<IReadOnlyDictionary<string, ProgressFigures>> ByCountyAsync(StoreDatabase database, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ByCountyAsync(connection, null, asOf, cancellationToken);
    }

    public static async Task<IReadOnlyDictionary<string, ProgressFigures>> ByCountyAsync(DbConnection connection, DbTransaction? transaction, DateOnly asOf, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<CountyRow>(new CommandDefinition(AsOfSql, new { asOf }, transaction, cancellationToken: cancellationToken));
        return rows.ToDictionary(
            r => r.County,
            r => new ProgressFigures((int)r.Communities, (int)r.NotStarted, (int)r.Pilot, (int)r.InProgress, (int)r.Accepted, (int)r.PilotsEver),
            StringComparer.Ordinal);
    }

    /// <summary>Every month end from May 2021 to <paramref name="until"/>'s month, and <paramref name="random"/> days in between (seeded).</summary>
    public static IReadOnlyList<DateOnly> Days(DateOnly until, int random, int seed)
    {
        var first = new DateOnly(2021, 5, 1);
        var days = Data.Progress.ProgressHistoryQueries.MonthEnds(first, until).ToList();
        var generator = new Random(seed);
        days.AddRange(Enumerable.Range(0, random).Select(_ => first.AddDays(generator.Next(until.DayNumber - first.DayNumber + 1))));
        return days;
    }

    private sealed record CountyRow(string County, long Communities, long NotStarted, long Pilot, long InProgress, long Accepted, long PilotsEver);
}
