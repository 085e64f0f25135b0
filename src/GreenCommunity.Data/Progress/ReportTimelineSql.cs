using System.Text.Json;
using Dapper;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Data.Progress;

/// <summary>
/// Moves county_timeline and region_timeline by what one report's stage events change (<see cref="ReportTimeline"/>), in
/// the report's transaction, without a round trip of its own on PostgreSQL: what the change needs is read in the command
/// that starts the write transaction (<see cref="BasisSql"/>: the history of the communities the report gives an event,
/// their counties, the regions above them and each unit's stored rows from the last one before the report's earliest day
/// there), and the rows to write go at the end of the command that appends the report (<see cref="Plan"/>). The rest of
/// each county is neither read nor rewritten. SQLite takes the events as the report's JSON list; PostgreSQL as arrays,
/// whose length its planner knows.
/// </summary>
public static class ReportTimelineSql
{
    private const string Figures = "t.communities AS Communities, t.not_started AS NotStarted, t.pilot AS Pilot, t.in_progress AS InProgress, "
        + "t.accepted AS Accepted, t.pilots_ever AS PilotsEver";

    private const string FigureColumns = "communities, not_started, pilot, in_progress, accepted, pilots_ever";

    // The report's events as (code, day) rows: PostgreSQL's two arrays, SQLite's JSON list of [community, stage, day].
    private static string EventDays(StoreEngine engine) => engine == StoreEngine.Postgres
        ? "SELECT k.code, k.day FROM unnest(@timelineCodes, @timelineDays) AS k(code, day)"
        : "SELECT j.value ->> 0 AS code, j.value ->> 2 AS day FROM json_each(@timelineEvents) AS j";

    // Each county the report gives an event in, with the earliest day of its events there: nothing in it moves before.
    private static string CountyFroms(StoreEngine engine) =>
        $"SELECT c.county_code AS code, MIN(k.day) AS from_day FROM ({EventDays(engine)}) AS k JOIN communities c ON c.code = k.code GROUP BY c.county_code";

    // Each of those counties and every region above it (a code's every level: 429004 is a county and the prefecture above
    // it), each with the earliest day of the report's events under it.
    private static string RegionsAbove(StoreEngine engine) =>
        $"""
        WITH RECURSIVE up(code, from_day) AS (
            SELECT f.code, f.from_day FROM ({CountyFroms(engine)}) AS f
            UNION
            SELECT r.parent_code, up.from_day FROM regions r JOIN up ON r.code = up.code WHERE r.parent_code IS NOT NULL)
        """;

    // A unit k's stored rows t from the last one before k.from_day on, by the primary key. On PostgreSQL a lateral query per
    // unit (OFFSET 0 keeping it one): over the units' recursive estimate the write transaction's one plan hashed the whole
    // table instead (2.3 ms a report for region_timeline).
    private static string RowsFrom(StoreEngine engine, string table, string unit, string unitOfM)
    {
        var days = $"t.day >= COALESCE((SELECT MAX(m.day) FROM {table} m WHERE {unitOfM} AND m.day < k.from_day), k.from_day)";
        return engine == StoreEngine.Postgres
            ? $"CROSS JOIN LATERAL (SELECT t.* FROM {table} t WHERE {unit} AND {days} OFFSET 0) AS t"
            : $"JOIN {table} t ON {unit} AND {days}";
    }

    // Read before the report's rows are written, under the write lock: the counties of its communities; their history (on
    // PostgreSQL a lateral query by each code, OFFSET 0 keeping it one: the write transaction keeps one plan for all
    // arguments, and a plan guessing a report's communities from the statistics scanned stage_events whole); the regions above
    // the counties (a code's every level: 429004 is a county and the prefecture above it), not the whole tree; whether the
    // store holds more than one province (then the country is above them, as RegionTree.WithOneRoot has it); each unit's
    // stored rows from the last one before the report's earliest day in it (its figures until then) on, by the primary key.
    private static readonly EngineText s_basisSql = new(engine =>
        $"""
        SELECT c.code AS Community, c.county_code AS County FROM communities c WHERE c.code IN (SELECT k.code FROM ({EventDays(engine)}) AS k);
        {(engine == StoreEngine.Postgres
            ? """
              SELECT e.community_code AS Community, e.stage AS Stage, e.effective AS Day, e.id AS Id
                FROM (SELECT DISTINCT k.code FROM unnest(@timelineCodes) AS k(code)) AS r
               CROSS JOIN LATERAL (SELECT x.community_code, x.stage, x.effective, x.id FROM stage_events x WHERE x.community_code = r.code OFFSET 0) AS e;
              """
            : """
              SELECT e.community_code AS Community, e.stage AS Stage, e.effective AS Day, e.id AS Id
                FROM stage_events e WHERE e.community_code IN (SELECT j.value ->> 0 FROM json_each(@timelineEvents) AS j);
              """)}
        {RegionsAbove(engine)}
        SELECT code AS Code, level AS Level, parent_code AS ParentCode FROM regions WHERE code IN (SELECT code FROM up);
        SELECT COUNT(*) FROM (SELECT 1 FROM regions WHERE parent_code IS NULL LIMIT 2) AS roots;
        SELECT CAST({(int)RegionLevel.County} AS BIGINT) AS Level, t.county_code AS Code, t.day AS Day, {Figures}
          FROM ({CountyFroms(engine)}) AS k
          {RowsFrom(engine, "county_timeline", "t.county_code = k.code", "m.county_code = k.code")};
        {RegionsAbove(engine)},
        units(level, code, from_day) AS (
            SELECT r.level, r.code, (SELECT MIN(u.from_day) FROM up u WHERE u.code = r.code) FROM regions r WHERE r.code IN (SELECT code FROM up)
            UNION ALL
            SELECT {(int)RegionLevel.Country}, '{RegionTree.CountryCode}', MIN(up.from_day) FROM up)
        SELECT CAST(t.level AS BIGINT) AS Level, t.region_code AS Code, t.day AS Day, {Figures}
          FROM units k
          {RowsFrom(engine, "region_timeline", "t.level = k.level AND t.region_code = k.code", "m.level = k.level AND m.region_code = k.code")};
        """);

    /// <summary>
    /// The queries of what a report's stage events will move, in <paramref name="engine"/>'s dialect, for the command that
    /// starts its write transaction (<see cref="AddBasisArguments"/> their arguments, <see cref="ReadBasisAsync"/> their results).
    /// </summary>
    internal static string BasisSql(StoreEngine engine) => s_basisSql.For(engine);

    /// <summary>The report's events as <see cref="BasisSql"/> takes them.</summary>
    internal static void AddBasisArguments(DynamicParameters args, StoreEngine engine, ReportRows rows)
    {
        if (engine == StoreEngine.Postgres)
        {
            args.Add("timelineCodes", rows.EventRows.Select(e => e.Community).ToArray());
            args.Add("timelineDays", rows.EventRows.Select(e => e.Effective).ToArray());
        }
        else
        {
            args.Add("timelineEvents", rows.Events);
        }
    }

    /// <summary>What <see cref="BasisSql"/>'s queries read, in their order.</summary>
    internal static async Task<TimelineBasis> ReadBasisAsync(SqlMapper.GridReader read)
    {
        var counties = (await read.ReadAsync<(string Community, string County)>().ConfigureAwait(false))
            .ToDictionary(c => c.Community, c => c.County, StringComparer.Ordinal);
        var history = (await read.ReadAsync<(string Community, long Stage, string Day, long Id)>().ConfigureAwait(false)).AsList();
        IReadOnlyList<Region> regions = (await read.ReadAsync<(string Code, long Level, string? ParentCode)>().ConfigureAwait(false))
            .Select(r => new Region(r.Code, r.Code, r.Code, (RegionLevel)r.Level, r.ParentCode)).ToList();
        if (await read.ReadSingleAsync<long>().ConfigureAwait(false) > 1)
        {
            regions = [RegionTree.Country, .. regions.Select(r => r.ParentCode is null ? r with { ParentCode = RegionTree.CountryCode } : r)];
        }
        var stored = new Dictionary<RegionKey, List<RegionTimelineRow>>();
        for (var set = 0; set < 2; set++)
        {
            foreach (var row in await read.ReadAsync<StoredRow>().ConfigureAwait(false))
            {
                var unit = new RegionKey((RegionLevel)row.Level, row.Code);
                if (!stored.TryGetValue(unit, out var rows))
                {
                    stored[unit] = rows = [];
                }
                rows.Add(new RegionTimelineRow(unit.Level, unit.Code, row.Day,
                    new ProgressFigures((int)row.Communities, (int)row.NotStarted, (int)row.Pilot, (int)row.InProgress, (int)row.Accepted, (int)row.PilotsEver)));
            }
        }
        var events = history.Where(h => counties.ContainsKey(h.Community))
            .Select(h => new TimelineEvent(counties[h.Community], h.Community, (int)h.Stage, h.Day, h.Id)).ToList();
        return new TimelineBasis(counties, events, regions, stored);
    }

    /// <summary>
    /// The statements that move the timelines by the report's stage events (<paramref name="rows"/>, to be appended after
    /// the event numbered <paramref name="lastEvent"/>, in the report's order) from what <paramref name="basis"/> read, and
    /// their arguments: the removals, then the upserts, of both tables; empty when nothing moves.
    /// </summary>
    internal static TimelineWrite Plan(TimelineBasis basis, ReportRows rows, long lastEvent, StoreEngine engine)
    {
        // The report's events numbered as the append will number them, after every stored one; an event of a community the
        // store does not hold is left out here, and the append refuses the report (the history's reference check).
        var events = new List<TimelineEvent>(basis.History);
        for (var i = 0; i < rows.EventRows.Count; i++)
        {
            var e = rows.EventRows[i];
            if (basis.Counties.TryGetValue(e.Community, out var county))
            {
                events.Add(new TimelineEvent(county, e.Community, (int)e.Stage, e.Effective, lastEvent + 1 + i));
            }
        }
        var changes = ReportTimeline.Changes(events, e => e.Id > lastEvent, RegionTimeline.AncestorsOfCounties(basis.Regions));
        var upserts = new List<RegionTimelineRow>();
        var deletes = new List<RegionTimelineRow>();
        foreach (var (unit, steps) in changes)
        {
            var writes = ReportTimeline.Writes(unit, basis.Stored.GetValueOrDefault(unit) ?? [], steps);
            upserts.AddRange(writes.Upserts);
            deletes.AddRange(writes.Deletes);
        }
        return WriteCommand(engine, upserts, deletes);
    }

    /// <summary>The removals, then the upserts, of both tables as one text; a part is left out where it has no rows.</summary>
    private static TimelineWrite WriteCommand(StoreEngine engine, List<RegionTimelineRow> upserts, List<RegionTimelineRow> deletes)
    {
        var upCounties = upserts.Where(r => r.Level == RegionLevel.County).ToList();
        var upRegions = upserts.Where(r => r.Level != RegionLevel.County).ToList();
        var goneCounties = deletes.Where(r => r.Level == RegionLevel.County).ToList();
        var goneRegions = deletes.Where(r => r.Level != RegionLevel.County).ToList();
        var parts = new List<string>(4);
        if (goneCounties.Count > 0)
        {
            parts.Add(s_countyDeleteSql.For(engine));
        }
        if (goneRegions.Count > 0)
        {
            parts.Add(s_regionDeleteSql.For(engine));
        }
        if (upCounties.Count > 0)
        {
            parts.Add(s_countyUpsertSql.For(engine));
        }
        if (upRegions.Count > 0)
        {
            parts.Add(s_regionUpsertSql.For(engine));
        }
        if (parts.Count == 0)
        {
            return TimelineWrite.None;
        }
        var args = new DynamicParameters();
        if (engine == StoreEngine.Postgres)
        {
            args.Add("goneCountyCodes", goneCounties.Select(r => r.Code).ToArray());
            args.Add("goneCountyDays", goneCounties.Select(r => r.Day).ToArray());
            args.Add("goneRegionLevels", goneRegions.Select(r => (long)r.Level).ToArray());
            args.Add("goneRegionCodes", goneRegions.Select(r => r.Code).ToArray());
            args.Add("goneRegionDays", goneRegions.Select(r => r.Day).ToArray());
            AddColumns(args, "upCounty", upCounties);
            args.Add("upRegionLevels", upRegions.Select(r => (long)r.Level).ToArray());
            AddColumns(args, "upRegion", upRegions);
        }
        else
        {
            args.Add("goneCounties", JsonSerializer.Serialize(goneCounties.Select(r => new object[] { r.Code, r.Day })));
            args.Add("goneRegions", JsonSerializer.Serialize(goneRegions.Select(r => new object[] { (long)r.Level, r.Code, r.Day })));
            args.Add("upCounties", JsonSerializer.Serialize(upCounties.Select(r => (object[])[r.Code, r.Day, .. Numbers(r.Figures)])));
            args.Add("upRegions", JsonSerializer.Serialize(upRegions.Select(r => (object[])[(long)r.Level, r.Code, r.Day, .. Numbers(r.Figures)])));
        }
        return new TimelineWrite(string.Join(";\n", parts) + ";", args);
    }

    /// <summary>PostgreSQL: the rows' codes, days and six figures as one array each (<c>{prefix}Codes</c>, <c>{prefix}Days</c>, <c>{prefix}N0</c>…<c>N5</c>).</summary>
    private static void AddColumns(DynamicParameters args, string prefix, List<RegionTimelineRow> rows)
    {
        args.Add(prefix + "Codes", rows.Select(r => r.Code).ToArray());
        args.Add(prefix + "Days", rows.Select(r => r.Day).ToArray());
        for (var n = 0; n < 6; n++)
        {
            var column = n;
            args.Add(prefix + "N" + n, rows.Select(r => Numbers(r.Figures)[column]).ToArray());
        }
    }

    private static long[] Numbers(ProgressFigures f) => [f.Communities, f.NotStarted, f.Pilot, f.InProgress, f.Accepted, f.PilotsEver];

    // Settable, not positional: Level is an expression for county rows, whose SQLite type Dapper cannot match to a constructor.
    private sealed class StoredRow
    {
        public long Level { get; init; }

        public string Code { get; init; } = "";

        public string Day { get; init; } = "";

        public long Communities { get; init; }

        public long NotStarted { get; init; }

        public long Pilot { get; init; }

        public long InProgress { get; init; }

        public long Accepted { get; init; }

        public long PilotsEver { get; init; }
    }

    private const string SetFigures = "communities = excluded.communities, not_started = excluded.not_started, pilot = excluded.pilot, "
        + "in_progress = excluded.in_progress, accepted = excluded.accepted, pilots_ever = excluded.pilots_ever";

    private static readonly EngineText s_countyUpsertSql = new(engine =>
        $"""
        INSERT INTO county_timeline (county_code, day, {FigureColumns})
        {(engine == StoreEngine.Postgres
            ? "SELECT * FROM unnest(@upCountyCodes, @upCountyDays, @upCountyN0, @upCountyN1, @upCountyN2, @upCountyN3, @upCountyN4, @upCountyN5)"
            : "SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7 FROM json_each(@upCounties) AS j WHERE true")}
        ON CONFLICT (county_code, day) DO UPDATE SET {SetFigures}
        """);

    private static readonly EngineText s_regionUpsertSql = new(engine =>
        $"""
        INSERT INTO region_timeline (level, region_code, day, {FigureColumns})
        {(engine == StoreEngine.Postgres
            ? "SELECT * FROM unnest(@upRegionLevels, @upRegionCodes, @upRegionDays, @upRegionN0, @upRegionN1, @upRegionN2, @upRegionN3, @upRegionN4, @upRegionN5)"
            : "SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7, j.value ->> 8 FROM json_each(@upRegions) AS j WHERE true")}
        ON CONFLICT (level, region_code, day) DO UPDATE SET {SetFigures}
        """);

    private static readonly EngineText s_countyDeleteSql = new(engine => engine == StoreEngine.Postgres
        ? "DELETE FROM county_timeline t USING unnest(@goneCountyCodes, @goneCountyDays) AS k(code, day) WHERE t.county_code = k.code AND t.day = k.day"
        : "DELETE FROM county_timeline WHERE (county_code, day) IN (SELECT j.value ->> 0, j.value ->> 1 FROM json_each(@goneCounties) AS j)");

    private static readonly EngineText s_regionDeleteSql = new(engine => engine == StoreEngine.Postgres
        ? "DELETE FROM region_timeline t USING unnest(@goneRegionLevels, @goneRegionCodes, @goneRegionDays) AS k(level, code, day) "
          + "WHERE t.level = k.level AND t.region_code = k.code AND t.day = k.day"
        : "DELETE FROM region_timeline WHERE (level, region_code, day) IN (SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(@goneRegions) AS j)");

    /// <summary>Every statement this class runs, one by one, in the engine's text (for the plan tests).</summary>
    internal static IReadOnlyList<string> Statements(StoreEngine engine) =>
        new[] { s_basisSql.For(engine), s_countyDeleteSql.For(engine), s_regionDeleteSql.For(engine), s_countyUpsertSql.For(engine), s_regionUpsertSql.For(engine) }
            .SelectMany(text => text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
}

/// <summary>
/// What a report's stage events will move, read before they are written (<see cref="ReportTimelineSql.BasisSql"/>): the
/// county of each community they name, the stored history of those communities, the regions above the counties and the
/// units' stored rows from the last one before the report's earliest day in each.
/// </summary>
internal sealed record TimelineBasis(IReadOnlyDictionary<string, string> Counties, IReadOnlyList<TimelineEvent> History, IReadOnlyList<Region> Regions,
    IReadOnlyDictionary<RegionKey, List<RegionTimelineRow>> Stored);

/// <summary>The statements that write a report's timeline rows (empty when none moves), and their arguments.</summary>
internal sealed record TimelineWrite(string Sql, DynamicParameters Args)
{
    public static TimelineWrite None => new("", new DynamicParameters());
}
