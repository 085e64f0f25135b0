using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Data.Progress;

/// <summary>A region above county level as region_timeline keys it (a code can be a prefecture and a county at once).</summary>
public readonly record struct RegionKey(RegionLevel Level, string Code);

/// <summary>A region's figures from <see cref="Day"/> until its next row (a row of region_timeline).</summary>
public readonly record struct RegionTimelineRow(RegionLevel Level, string Code, string Day, ProgressFigures Figures)
{
    public RegionKey Key => new(Level, Code);
}

/// <summary>
/// The timeline of every region above county level, computed from the county timeline (<see cref="CountyTimeline"/>)
/// and the region tree, without I/O. A region's figures on a day are the sums of its county-level units' on that day; its
/// rows are the days on which that sum changes (before the first row a region has nothing), so a region with communities
/// has a base row at <see cref="CountyTimeline.BaseDay"/>. A full build and the incremental upkeep
/// (<see cref="Changes"/> then <see cref="Apply"/>) both write exactly these rows.
/// </summary>
public static class RegionTimeline
{
    /// <summary>
    /// Each county-level unit's regions above it, nearest first: prefecture, province, and the country when the store
    /// holds more than one province (<see cref="RegionTree.WithOneRoot"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<RegionKey>> AncestorsOfCounties(IReadOnlyList<Region> regions)
    {
        regions = RegionTree.WithOneRoot(regions);
        var byCode = regions.ToLookup(r => r.Code, StringComparer.Ordinal);
        var ancestors = new Dictionary<string, IReadOnlyList<RegionKey>>(StringComparer.Ordinal);
        foreach (var county in regions.Where(r => r.Level == RegionLevel.County))
        {
            var chain = new List<RegionKey>();
            for (var region = ParentOf(county); region is not null; region = ParentOf(region))
            {
                chain.Add(new RegionKey(region.Level, region.Code));
            }
            ancestors[county.Code] = chain;
        }
        return ancestors;

        // The parent is the region of the parent code above this one: 429004 the county's parent is 429004 the prefecture.
        Region? ParentOf(Region region) => region.ParentCode is null
            ? null
            : byCode[region.ParentCode].Where(p => p.Level < region.Level).MaxBy(p => p.Level);
    }

    /// <summary>Every region's rows from the rows of every county, in level, code then day order.</summary>
    public static IReadOnlyList<RegionTimelineRow> Build(IReadOnlyList<Region> regions, IEnumerable<TimelineRow> countyRows) =>
        Changes(AncestorsOfCounties(regions), [], countyRows)
            .OrderBy(c => c.Key.Level).ThenBy(c => c.Key.Code, StringComparer.Ordinal)
            .SelectMany(c => Apply(c.Key, [], c.Value))
            .ToList();

    /// <summary>
    /// What replacing some counties' rows <paramref name="before"/> with <paramref name="after"/> (all the rows of those
    /// counties, any order) changes in each ancestor: per day, the step by which its figures move that day, minus the step
    /// they moved by before. Days whose step is unchanged are left out, and so are regions with none.
    /// </summary>
    public static IReadOnlyDictionary<RegionKey, SortedDictionary<string, ProgressFigures>> Changes(
        IReadOnlyDictionary<string, IReadOnlyList<RegionKey>> ancestors, IEnumerable<TimelineRow> before, IEnumerable<TimelineRow> after)
    {
        var changes = new Dictionary<RegionKey, SortedDictionary<string, ProgressFigures>>();
        AddSteps(before, sign: -1);
        AddSteps(after, sign: 1);
        return changes
            .Select(c => (c.Key, Steps: new SortedDictionary<string, ProgressFigures>(
                c.Value.Where(s => s.Value != ProgressFigures.Empty).ToDictionary(s => s.Key, s => s.Value), StringComparer.Ordinal)))
            .Where(c => c.Steps.Count > 0)
            .ToDictionary(c => c.Key, c => c.Steps);

        void AddSteps(IEnumerable<TimelineRow> rows, int sign)
        {
            foreach (var county in rows.GroupBy(r => r.County, StringComparer.Ordinal))
            {
                if (!ancestors.TryGetValue(county.Key, out var regions))
                {
                    continue;   // not in the region tree: no region counts it
                }
                var previous = ProgressFigures.Empty;
                foreach (var row in county.OrderBy(r => r.Day, StringComparer.Ordinal))
                {
                    var step = Scale(Minus(row.Figures, previous), sign);
                    previous = row.Figures;
                    foreach (var region in regions)
                    {
                        if (!changes.TryGetValue(region, out var steps))
                        {
                            changes[region] = steps = new SortedDictionary<string, ProgressFigures>(StringComparer.Ordinal);
                        }
                        steps[row.Day] = steps.TryGetValue(row.Day, out var sum) ? sum.Add(step) : step;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The region's rows from its first changed day on, after <paramref name="changes"/> (non-empty, from
    /// <see cref="Changes"/>): <paramref name="stored"/> holds its rows from the last one before that day on (any rows
    /// before are ignored; none for a region not yet stored), and each change moves the figures of that day and every later one.
    /// </summary>
    public static IReadOnlyList<RegionTimelineRow> Apply(RegionKey region, IReadOnlyList<RegionTimelineRow> stored, SortedDictionary<string, ProgressFigures> changes)
    {
        var from = changes.Keys.First();
        var storedByDay = stored.ToDictionary(r => r.Day, r => r.Figures, StringComparer.Ordinal);
        var days = stored.Select(r => r.Day).Where(d => string.CompareOrdinal(d, from) >= 0).Union(changes.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var old = stored.Where(r => string.CompareOrdinal(r.Day, from) < 0)
            .Select(r => (RegionTimelineRow?)r).MaxBy(r => r!.Value.Day, StringComparer.Ordinal)?.Figures ?? ProgressFigures.Empty;
        var previous = old;
        var moved = ProgressFigures.Empty;
        var rows = new List<RegionTimelineRow>();
        foreach (var day in days)
        {
            old = storedByDay.GetValueOrDefault(day, old);
            moved = changes.TryGetValue(day, out var change) ? moved.Add(change) : moved;
            var figures = old.Add(moved);
            if (figures != previous)
            {
                rows.Add(new RegionTimelineRow(region.Level, region.Code, day, figures));
                previous = figures;
            }
        }
        return rows;
    }

    private static ProgressFigures Minus(ProgressFigures a, ProgressFigures b) => a.Add(Scale(b, -1));

    private static ProgressFigures Scale(ProgressFigures f, int by) =>
        new(f.Communities * by, f.NotStarted * by, f.Pilot * by, f.InProgress * by, f.Accepted * by, f.PilotsEver * by);
}
