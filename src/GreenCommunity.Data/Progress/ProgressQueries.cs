using System.Text.Json;
using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Data.Progress;

/// <summary>
/// Stage counts per county-level unit: from the current-state table for today, from the county timeline (kept with the
/// history, <see cref="CountyTimelineSql"/>) for a past day; and per region above county level for a past day from the
/// region timeline (<see cref="RegionTimelineSql"/>). A day before the first event finds every community not started.
/// </summary>
public sealed class ProgressQueries(StoreDatabase database)
{
    private static string CurrentSql(string filter) =>
        $"""
        SELECT c.county_code AS County,
               COUNT(*) AS Communities,
               COUNT(*) FILTER (WHERE s.stage = 0) AS NotStarted,
               COUNT(*) FILTER (WHERE s.stage = 1) AS Pilot,
               COUNT(*) FILTER (WHERE s.stage = 2) AS InProgress,
               COUNT(*) FILTER (WHERE s.stage = 3) AS Accepted,
               COUNT(*) FILTER (WHERE s.pilot = 1) AS PilotsEver
          FROM communities c
          JOIN community_state s ON s.community_code = c.code
         {filter}
         GROUP BY c.county_code
        """;

    // Each county's row of county_timeline with the greatest day on or before the day, found through the primary key
    // (county_code, day) once per county-level region. SQLite: the day by a correlated MAX (one descent), then the row
    // (another). PostgreSQL hash-joins the whole table for that form, so there a LATERAL subquery takes each county's
    // row with one backward index scan. The plans: docs/PERFORMANCE.md, "National summary".
    private static string AsOfSql(StoreEngine engine, string filter) => engine == StoreEngine.Postgres
        ? $"""
          SELECT t.county_code AS County, t.communities AS Communities, t.not_started AS NotStarted, t.pilot AS Pilot,
                 t.in_progress AS InProgress, t.accepted AS Accepted, t.pilots_ever AS PilotsEver
            FROM regions r
           CROSS JOIN LATERAL (
                 SELECT * FROM county_timeline m WHERE m.county_code = r.code AND m.day <= @asOf ORDER BY m.day DESC LIMIT 1) AS t
           WHERE r.level = 3 {filter}
          """
        : $"""
          SELECT t.county_code AS County, t.communities AS Communities, t.not_started AS NotStarted, t.pilot AS Pilot,
                 t.in_progress AS InProgress, t.accepted AS Accepted, t.pilots_ever AS PilotsEver
            FROM regions r
            JOIN county_timeline t
              ON t.county_code = r.code
             AND t.day = (SELECT MAX(m.day) FROM county_timeline m WHERE m.county_code = r.code AND m.day <= @asOf)
           WHERE r.level = 3 {filter}
          """;

    // Each region's row of region_timeline with the greatest day on or before the day, the regions given as a JSON array
    // of [level, code] pairs. The same two forms as the counties': SQLite the day by a correlated MAX then the row, each
    // through the primary key (level, region_code, day); PostgreSQL one backward index scan per region in a LATERAL subquery.
    private static readonly EngineText s_regionsAsOfSql = new(engine => engine == StoreEngine.Postgres
        ? $"""
          SELECT t.level AS Level, t.region_code AS Code, t.communities AS Communities, t.not_started AS NotStarted, t.pilot AS Pilot,
                 t.in_progress AS InProgress, t.accepted AS Accepted, t.pilots_ever AS PilotsEver
            FROM {StoreSql.JsonRows(engine, "@regions", "r")}
           CROSS JOIN LATERAL (
                 SELECT * FROM region_timeline m
                  WHERE m.level = CAST(r.value ->> 0 AS BIGINT) AND m.region_code = r.value ->> 1 AND m.day <= @asOf
                  ORDER BY m.day DESC LIMIT 1) AS t
          """
        : $"""
          SELECT t.level AS Level, t.region_code AS Code, t.communities AS Communities, t.not_started AS NotStarted, t.pilot AS Pilot,
                 t.in_progress AS InProgress, t.accepted AS Accepted, t.pilots_ever AS PilotsEver
            FROM {StoreSql.JsonRows(engine, "@regions", "r")}
            JOIN region_timeline t
              ON t.level = CAST(r.value ->> 0 AS INTEGER)
             AND t.region_code = r.value ->> 1
             AND t.day = (SELECT MAX(m.day) FROM region_timeline m
                           WHERE m.level = CAST(r.value ->> 0 AS INTEGER) AND m.region_code = r.value ->> 1 AND m.day <= @asOf)
          """);

    private static readonly EngineText s_currentSql = new(_ => CurrentSql(""));

    private static readonly EngineText s_asOfSql = new(engine => AsOfSql(engine, ""));

    private static readonly EngineText s_asOfCountiesSql = new(engine => AsOfSql(engine, "AND " + StoreSql.InList(engine, "r.code", "@counties")));

    private static readonly EngineText s_currentCountiesSql = new(engine => CurrentSql("WHERE " + StoreSql.InList(engine, "c.county_code", "@counties")));

    /// <summary>Counts as they stand now (every recorded change is effective by now).</summary>
    public Task<IReadOnlyDictionary<string, ProgressFigures>> GetCurrentByCountyAsync(CancellationToken cancellationToken) =>
        QueryAsync(s_currentSql, null, cancellationToken);

    /// <summary>Counts of some counties as they stand now; a county without communities is left out.</summary>
    public Task<IReadOnlyDictionary<string, ProgressFigures>> GetCurrentByCountyAsync(IReadOnlyCollection<string> counties, CancellationToken cancellationToken) =>
        QueryAsync(s_currentCountiesSql, new { counties = counties.ToArray() }, cancellationToken);

    /// <summary>Counts as they stood at the end of a day, from the county timeline (every county with communities).</summary>
    public Task<IReadOnlyDictionary<string, ProgressFigures>> GetByCountyAsOfAsync(DateOnly asOf, CancellationToken cancellationToken) =>
        QueryAsync(s_asOfSql, new { asOf }, cancellationToken);

    /// <summary>Counts of some county-level units (a prefecture's, a province's) at the end of a day; a county without communities is left out.</summary>
    public Task<IReadOnlyDictionary<string, ProgressFigures>> GetByCountyAsOfAsync(DateOnly asOf, IReadOnlyCollection<string> counties, CancellationToken cancellationToken) =>
        QueryAsync(s_asOfCountiesSql, new { asOf, counties = counties.ToArray() }, cancellationToken);

    /// <summary>
    /// Figures of regions above county level (a province, prefecture-level units; the country, level 0, in a store of
    /// several provinces) at the end of a day, from the region timeline; a region without communities is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<RegionKey, ProgressFigures>> GetByRegionAsOfAsync(DateOnly asOf, IReadOnlyCollection<RegionKey> regions,
        CancellationToken cancellationToken)
    {
        if (regions.Count == 0)
        {
            return new Dictionary<RegionKey, ProgressFigures>();
        }
        var pairs = JsonSerializer.Serialize(regions.Select(r => new object[] { (int)r.Level, r.Code }));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<RegionRow>(new CommandDefinition(s_regionsAsOfSql.For(connection), new { asOf, regions = pairs },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(
            r => new RegionKey((RegionLevel)r.Level, r.Code),
            r => new ProgressFigures((int)r.Communities, (int)r.NotStarted, (int)r.Pilot, (int)r.InProgress, (int)r.Accepted, (int)r.PilotsEver));
    }

    private async Task<IReadOnlyDictionary<string, ProgressFigures>> QueryAsync(EngineText sql, object? args, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CountyRow>(new CommandDefinition(sql.For(connection), args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(
            r => r.County,
            r => new ProgressFigures((int)r.Communities, (int)r.NotStarted, (int)r.Pilot, (int)r.InProgress, (int)r.Accepted, (int)r.PilotsEver),
            StringComparer.Ordinal);
    }

    private sealed record RegionRow(long Level, string Code, long Communities, long NotStarted, long Pilot, long InProgress, long Accepted, long PilotsEver);

    private sealed record CountyRow(string County, long Communities, long NotStarted, long Pilot, long InProgress, long Accepted, long PilotsEver);
}
