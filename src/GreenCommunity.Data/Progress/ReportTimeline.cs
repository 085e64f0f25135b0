using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Data.Progress;

/// <summary>
/// What one report's stage events change in county_timeline and region_timeline, without I/O and without reading
/// the rest of a county: a county's figures are the sum of its communities', so the report moves its county and every
/// ancestor by exactly what it moves in each community it names, each community's own history before the report and
/// after it. The writes then touch only the rows from each unit's first changed day on, and only those that differ.
/// </summary>
public static class ReportTimeline
{
    /// <summary>
    /// Per county-level unit (<see cref="RegionLevel.County"/> keys) and per region above it, the steps by which its
    /// figures move on each day, after minus before. <paramref name="history"/>: every stage event of the communities the
    /// report gave one, its own among them (<paramref name="isReports"/>); <paramref name="ancestors"/>: each county's
    /// regions above it (<see cref="RegionTimeline.AncestorsOfCounties"/>).
    /// </summary>
    public static IReadOnlyDictionary<RegionKey, SortedDictionary<string, ProgressFigures>> Changes(IReadOnlyList<TimelineEvent> history,
        Func<TimelineEvent, bool> isReports, IReadOnlyDictionary<string, IReadOnlyList<RegionKey>> ancestors)
    {
        // Each community taken as a county of one: its rows before the report and after it.
        var chains = new Dictionary<string, IReadOnlyList<RegionKey>>(StringComparer.Ordinal);
        foreach (var e in history)
        {
            if (!chains.ContainsKey(e.Community))
            {
                chains[e.Community] = [new RegionKey(RegionLevel.County, e.County), .. ancestors.GetValueOrDefault(e.County) ?? []];
            }
        }
        var ones = chains.Keys.ToDictionary(c => c, _ => 1, StringComparer.Ordinal);
        var own = history.Select(e => e with { County = e.Community }).ToList();
        var before = CountyTimeline.Build(ones, own.Where((_, i) => !isReports(history[i])));
        var after = CountyTimeline.Build(ones, own);
        return RegionTimeline.Changes(chains, before, after);
    }

    /// <summary>
    /// The rows to write for one unit after its <paramref name="changes"/> (<see cref="Changes"/>): <paramref name="stored"/>
    /// holds its rows from the last one before the first changed day on. New or changed rows are upserted; stored rows from
    /// that day on that are no longer a change of figures are deleted.
    /// </summary>
    public static TimelineWrites Writes(RegionKey unit, IReadOnlyList<RegionTimelineRow> stored, SortedDictionary<string, ProgressFigures> changes)
    {
        var from = changes.Keys.First();
        var rows = RegionTimeline.Apply(unit, stored, changes);
        var kept = stored.Where(r => string.CompareOrdinal(r.Day, from) >= 0).ToDictionary(r => r.Day, r => r.Figures, StringComparer.Ordinal);
        var upserts = rows.Where(r => !kept.TryGetValue(r.Day, out var figures) || figures != r.Figures).ToList();
        var days = rows.Select(r => r.Day).ToHashSet(StringComparer.Ordinal);
        var deletes = kept.Keys.Where(d => !days.Contains(d)).Order(StringComparer.Ordinal).Select(d => new RegionTimelineRow(unit.Level, unit.Code, d, kept[d])).ToList();
        return new TimelineWrites(upserts, deletes);
    }
}

/// <summary>A unit's rows to insert or replace, and its rows to remove (by level, code and day).</summary>
public sealed record TimelineWrites(IReadOnlyList<RegionTimelineRow> Upserts, IReadOnlyList<RegionTimelineRow> Deletes);
