using System.Data.Common;
using System.Text.Json;
using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Data.Progress;

/// <summary>
/// Moves county_timeline and region_timeline by what one report's stage events change (<see cref="ReportTimeline"/>), in
/// the report's transaction: the history of the communities it named and the regions above their counties at the end of
/// the command that appends the report (<see cref="HistorySql"/>), the stored rows of the units it moves from their first
/// changed day in a command of their own, the writes in another (two round trips of its own on PostgreSQL, whatever the
/// report's length; the rest of each county is neither read nor rewritten). SQLite takes the key and row lists as JSON;
/// PostgreSQL as arrays, whose length its planner knows.
/// </summary>
public static class ReportTimelineSql
{
    // The history of the report's communities; the regions above their counties (a code's every level: 429004 is a
    // county and the prefecture above it), not the whole tree, which is 3,000 rows for the country; whether the store
    // holds more than one province (then the country is above them, as RegionTree.WithOneRoot has it). On PostgreSQL each
    // community's history is a lateral query by its code (OFFSET 0 keeps it one): the writer's transaction keeps one plan
    // for all arguments, and that plan, guessing a report's communities from the statistics, scanned stage_events whole.
    private static readonly EngineText s_historySql = new(engine =>
        $"""
        SELECT c.county_code AS County, e.community_code AS Community, e.stage AS Stage, e.effective AS Day, e.id AS Id, e.report AS Report
        {(engine == StoreEngine.Postgres
            ? """
                FROM (SELECT DISTINCT r.community_code FROM stage_events r WHERE r.report = @report) AS r
               CROSS JOIN LATERAL (SELECT x.community_code, x.stage, x.effective, x.id, x.report FROM stage_events x WHERE x.community_code = r.community_code OFFSET 0) AS e
                JOIN communities c ON c.code = e.community_code;
              """
            : """
                FROM stage_events e JOIN communities c ON c.code = e.community_code
               WHERE e.community_code IN (SELECT r.community_code FROM stage_events r WHERE r.report = @report);
              """)}
        WITH RECURSIVE up(code) AS (
            SELECT c.county_code FROM stage_events e JOIN communities c ON c.code = e.community_code WHERE e.report = @report
            UNION
            SELECT r.parent_code FROM regions r JOIN up ON r.code = up.code WHERE r.parent_code IS NOT NULL)
        SELECT code AS Code, level AS Level, parent_code AS ParentCode FROM regions WHERE code IN (SELECT code FROM up);
        SELECT COUNT(*) FROM (SELECT 1 FROM regions WHERE parent_code IS NULL LIMIT 2) AS roots;
        """);

    /// <summary>
    /// The queries of what a report moves in the timelines, in <paramref name="connection"/>'s dialect: its caller sends them at
    /// the end of the command that appends the report (<c>@report</c> its number), and <see cref="ReadHistoryAsync"/> reads them.
    /// </summary>
    public static string HistorySql(DbConnection connection) => s_historySql.For(connection);

    private const string Figures = "t.communities AS Communities, t.not_started AS NotStarted, t.pilot AS Pilot, t.in_progress AS InProgress, "
        + "t.accepted AS Accepted, t.pilots_ever AS PilotsEver";

    // Each unit's rows from the last one before its first changed day (its figures until then) on, by the primary key.
    private static readonly EngineText s_storedSql = new(engine => engine == StoreEngine.Postgres
        ? $"""
          SELECT CAST({(int)RegionLevel.County} AS BIGINT) AS Level, t.county_code AS Code, t.day AS Day, {Figures}
            FROM unnest(@countyCodes, @countyFroms) AS k(code, from_day)
            JOIN county_timeline t ON t.county_code = k.code
             AND t.day >= COALESCE((SELECT MAX(m.day) FROM county_timeline m WHERE m.county_code = k.code AND m.day < k.from_day), k.from_day);
          SELECT t.level AS Level, t.region_code AS Code, t.day AS Day, {Figures}
            FROM unnest(@regionLevels, @regionCodes, @regionFroms) AS k(level, code, from_day)
            JOIN region_timeline t ON t.level = k.level AND t.region_code = k.code
             AND t.day >= COALESCE((SELECT MAX(m.day) FROM region_timeline m WHERE m.level = k.level AND m.region_code = k.code AND m.day < k.from_day), k.from_day);
          """
        : $"""
          SELECT CAST({(int)RegionLevel.County} AS BIGINT) AS Level, t.county_code AS Code, t.day AS Day, {Figures}
            FROM json_each(@counties) AS k
            JOIN county_timeline t ON t.county_code = k.value ->> 0
             AND t.day >= COALESCE((SELECT MAX(m.day) FROM county_timeline m WHERE m.county_code = k.value ->> 0 AND m.day < k.value ->> 1), k.value ->> 1);
          SELECT t.level AS Level, t.region_code AS Code, t.day AS Day, {Figures}
            FROM json_each(@regions) AS k
            JOIN region_timeline t ON t.level = k.value ->> 0 AND t.region_code = k.value ->> 1
             AND t.day >= COALESCE((SELECT MAX(m.day) FROM region_timeline m WHERE m.level = k.value ->> 0 AND m.region_code = k.value ->> 1 AND m.day < k.value ->> 2), k.value ->> 2);
          """);

    private const string SetFigures = "communities = excluded.communities, not_started = excluded.not_started, pilot = excluded.pilot, "
        + "in_progress = excluded.in_progress, accepted = excluded.accepted, pilots_ever = excluded.pilots_ever";

    private const string FigureColumns = "communities, not_started, pilot, in_progress, accepted, pilots_ever";

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
        new[] { s_historySql.For(engine), s_storedSql.For(engine), s_countyDeleteSql.For(engine), s_regionDeleteSql.For(engine), s_countyUpsertSql.For(engine), s_regionUpsertSql.For(engine) }
            .SelectMany(text => text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();

    /// <summary>
    /// What <see cref="HistorySql"/>'s queries read after the report's stage events were appended (its caller sends it at the end
    /// of the command that appends them, <paramref name="read"/> its results): the communities' history and the regions above them.
    /// </summary>
    public static async Task<ReportHistory> ReadHistoryAsync(SqlMapper.GridReader read)
    {
        var history = (await read.ReadAsync<HistoryRow>().ConfigureAwait(false)).AsList();
        IReadOnlyList<Region> regions = (await read.ReadAsync<(string Code, long Level, string? ParentCode)>().ConfigureAwait(false))
            .Select(r => new Region(r.Code, r.Code, r.Code, (RegionLevel)r.Level, r.ParentCode)).ToList();
        if (await read.ReadSingleAsync<long>().ConfigureAwait(false) > 1)
        {
            regions = [RegionTree.Country, .. regions.Select(r => r.ParentCode is null ? r with { ParentCode = RegionTree.CountryCode } : r)];
        }
        return new ReportHistory(history, regions);
    }

    /// <summary>
    /// After the stage events of report <paramref name="report"/> are appended in <paramref name="transaction"/> (and
    /// <paramref name="read"/> from there): the timelines of its communities' counties and their ancestors moved by them.
    /// Returns the rows written or removed.
    /// </summary>
    public static async Task<int> ApplyAsync(DbConnection connection, DbTransaction transaction, long report, ReportHistory read, CancellationToken cancellationToken)
    {
        var (history, regions) = (read.Events, read.Regions);
        if (history.Count == 0)
        {
            return 0;   // criteria only: no stage changed
        }
        var events = history.Select(h => new TimelineEvent(h.County, h.Community, (int)h.Stage, h.Day, h.Id)).ToList();
        var reports = history.Where(h => h.Report == report).Select(h => h.Id).ToHashSet();
        var changes = ReportTimeline.Changes(events, e => reports.Contains(e.Id), RegionTimeline.AncestorsOfCounties(regions));
        if (changes.Count == 0)
        {
            return 0;
        }

        var stored = await ReadStoredAsync(connection, transaction, changes, cancellationToken).ConfigureAwait(false);
        var upserts = new List<RegionTimelineRow>();
        var deletes = new List<RegionTimelineRow>();
        foreach (var (unit, steps) in changes)
        {
            var writes = ReportTimeline.Writes(unit, stored.GetValueOrDefault(unit) ?? [], steps);
            upserts.AddRange(writes.Upserts);
            deletes.AddRange(writes.Deletes);
        }
        await WriteAsync(connection, transaction, upserts, deletes, cancellationToken).ConfigureAwait(false);
        return upserts.Count + deletes.Count;
    }

    private static async Task<Dictionary<RegionKey, List<RegionTimelineRow>>> ReadStoredAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyDictionary<RegionKey, SortedDictionary<string, ProgressFigures>> changes, CancellationToken cancellationToken)
    {
        var counties = changes.Where(c => c.Key.Level == RegionLevel.County).Select(c => (c.Key, From: c.Value.Keys.First())).ToList();
        var regions = changes.Where(c => c.Key.Level != RegionLevel.County).Select(c => (c.Key, From: c.Value.Keys.First())).ToList();
        object args = StoreSql.EngineOf(connection) == StoreEngine.Postgres
            ? new
            {
                countyCodes = counties.Select(c => c.Key.Code).ToArray(),
                countyFroms = counties.Select(c => c.From).ToArray(),
                regionLevels = regions.Select(r => (long)r.Key.Level).ToArray(),
                regionCodes = regions.Select(r => r.Key.Code).ToArray(),
                regionFroms = regions.Select(r => r.From).ToArray(),
            }
            : new
            {
                counties = JsonSerializer.Serialize(counties.Select(c => new object[] { c.Key.Code, c.From })),
                regions = JsonSerializer.Serialize(regions.Select(r => new object[] { (long)r.Key.Level, r.Key.Code, r.From })),
            };
        var stored = new Dictionary<RegionKey, List<RegionTimelineRow>>();
        await using var read = await connection.QueryMultipleAsync(new CommandDefinition(s_storedSql.For(connection), args, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
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
        return stored;
    }

    /// <summary>The removals, then the upserts, of both tables in one command; a part is left out where it has no rows.</summary>
    private static Task WriteAsync(DbConnection connection, DbTransaction transaction, List<RegionTimelineRow> upserts, List<RegionTimelineRow> deletes,
        CancellationToken cancellationToken)
    {
        var upCounties = upserts.Where(r => r.Level == RegionLevel.County).ToList();
        var upRegions = upserts.Where(r => r.Level != RegionLevel.County).ToList();
        var goneCounties = deletes.Where(r => r.Level == RegionLevel.County).ToList();
        var goneRegions = deletes.Where(r => r.Level != RegionLevel.County).ToList();
        var parts = new List<string>(4);
        if (goneCounties.Count > 0)
        {
            parts.Add(s_countyDeleteSql.For(connection));
        }
        if (goneRegions.Count > 0)
        {
            parts.Add(s_regionDeleteSql.For(connection));
        }
        if (upCounties.Count > 0)
        {
            parts.Add(s_countyUpsertSql.For(connection));
        }
        if (upRegions.Count > 0)
        {
            parts.Add(s_regionUpsertSql.For(connection));
        }
        if (parts.Count == 0)
        {
            return Task.CompletedTask;
        }
        var args = new DynamicParameters();
        if (StoreSql.EngineOf(connection) == StoreEngine.Postgres)
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
        return connection.ExecuteAsync(new CommandDefinition(string.Join(";\n", parts) + ";", args, transaction, cancellationToken: cancellationToken));
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

    internal sealed record HistoryRow(string County, string Community, long Stage, string Day, long Id, long Report);

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
}

/// <summary>The stage history of a report's communities (with its own events) and the regions above their counties, as <see cref="ReportTimelineSql.HistorySql"/>'s queries read them.</summary>
public sealed class ReportHistory
{
    internal ReportHistory(IReadOnlyList<ReportTimelineSql.HistoryRow> events, IReadOnlyList<Region> regions) => (Events, Regions) = (events, regions);

    internal IReadOnlyList<ReportTimelineSql.HistoryRow> Events { get; }

    internal IReadOnlyList<Region> Regions { get; }
}
