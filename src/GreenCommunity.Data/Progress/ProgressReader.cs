using GreenCommunity.Data.Reference;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Data.Progress;

/// <summary>The deployment's progress tree on any day, or one region's subtree; today's comes from the current-state table.</summary>
public sealed class ProgressReader(ProgressQueries queries, RegionQueries regionQueries, PresentDay present)
{
    private IReadOnlyList<Region>? _regions;
    private RegionIndex? _index;

    public DateOnly Today => present.Today;

    public async Task<IReadOnlyList<Region>> GetRegionsAsync(CancellationToken cancellationToken) =>
        _regions ??= await regionQueries.GetAllAsync(cancellationToken).ConfigureAwait(false);

    public async Task<RegionProgress> GetProvinceAsync(DateOnly? asOf, CancellationToken cancellationToken)
    {
        var regions = await GetRegionsAsync(cancellationToken).ConfigureAwait(false);
        var byCounty = asOf is { } day && !present.IsPresent(day)
            ? await queries.GetByCountyAsOfAsync(day, cancellationToken).ConfigureAwait(false)
            : await queries.GetCurrentByCountyAsync(cancellationToken).ConfigureAwait(false);
        return ProgressTree.Build(regions, byCounty);
    }

    /// <summary>
    /// One region and everything under it on a day (today: null), reading only its own county-level units: the same
    /// node as the whole tree's <see cref="RegionProgress.Find"/> (a code at two levels is the higher one); null for an
    /// unknown code. The root is the whole tree.
    /// </summary>
    public async Task<RegionProgress?> GetRegionAsync(string code, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var index = await GetIndexAsync(cancellationToken).ConfigureAwait(false);
        if (!index.Highest.TryGetValue(code, out var region))
        {
            return null;
        }
        if (region.IsRoot)
        {
            return await GetProvinceAsync(asOf, cancellationToken).ConfigureAwait(false);
        }
        var subtree = index.Subtree(region);
        var counties = subtree.Where(r => r.Level == RegionLevel.County).Select(r => r.Code).Distinct(StringComparer.Ordinal).ToList();
        var byCounty = asOf is { } day && !present.IsPresent(day)
            ? await queries.GetByCountyAsOfAsync(day, counties, cancellationToken).ConfigureAwait(false)
            : await queries.GetCurrentByCountyAsync(counties, cancellationToken).ConfigureAwait(false);
        // The region as the root of its own tree, then given back its parent.
        var tree = ProgressTree.Build([region with { ParentCode = null }, .. subtree.Skip(1)], byCounty);
        return tree with { Region = region };
    }

    /// <summary>
    /// One region and its direct children on a day (today: null), the children without their own: what a summary shows.
    /// A past day reads one row per region through the primary key of region_timeline (county_timeline for a county-level
    /// unit), so the nation costs 32 rows, not a tree of every county; today comes from the present as
    /// <see cref="GetRegionAsync"/> reads it. The region and children are those of <see cref="GetRegionAsync"/>, with
    /// the same figures; null for an unknown code.
    /// </summary>
    public async Task<RegionProgress?> GetSummaryAsync(string code, DateOnly? asOf, CancellationToken cancellationToken)
    {
        if (asOf is not { } day || present.IsPresent(day))
        {
            return await GetRegionAsync(code, asOf, cancellationToken).ConfigureAwait(false) is { } node
                ? node with { Children = node.Children.Select(c => c with { Children = [] }).ToList() }
                : null;
        }
        var index = await GetIndexAsync(cancellationToken).ConfigureAwait(false);
        if (!index.Highest.TryGetValue(code, out var region))
        {
            return null;
        }
        List<Region> regions = [region, .. index.ChildrenOf(region)];
        var counties = regions.Where(r => r.Level == RegionLevel.County).Select(r => r.Code).ToList();
        var aboveCounties = regions.Where(r => r.Level != RegionLevel.County).Select(r => new RegionKey(r.Level, r.Code)).ToList();
        var byCounty = counties.Count == 0
            ? new Dictionary<string, ProgressFigures>()
            : await queries.GetByCountyAsOfAsync(day, counties, cancellationToken).ConfigureAwait(false);
        var byRegion = await queries.GetByRegionAsOfAsync(day, aboveCounties, cancellationToken).ConfigureAwait(false);
        return new RegionProgress(region, FiguresOf(region), regions.Skip(1).Select(c => new RegionProgress(c, FiguresOf(c), [])).ToList());

        // A region without communities has no row: nothing started, nothing to start.
        ProgressFigures FiguresOf(Region r) => r.Level == RegionLevel.County
            ? byCounty.GetValueOrDefault(r.Code, ProgressFigures.Empty)
            : byRegion.GetValueOrDefault(new RegionKey(r.Level, r.Code), ProgressFigures.Empty);
    }

    private async Task<RegionIndex> GetIndexAsync(CancellationToken cancellationToken) =>
        _index ??= new RegionIndex(RegionTree.WithOneRoot(await GetRegionsAsync(cancellationToken).ConfigureAwait(false)));

    /// <summary>The regions by code (each at its highest level) and by parent, made once.</summary>
    private sealed class RegionIndex(IReadOnlyList<Region> regions)
    {
        private readonly ILookup<string, Region> _children = regions.Where(r => r.ParentCode is not null).ToLookup(r => r.ParentCode!, StringComparer.Ordinal);

        public Dictionary<string, Region> Highest { get; } = regions.GroupBy(r => r.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MinBy(r => r.Level)!, StringComparer.Ordinal);

        /// <summary>The region first, then every region under it (a county-level unit has none, even one that shares its parent's code).</summary>
        public List<Region> Subtree(Region root)
        {
            var found = new List<Region> { root };
            for (var i = 0; i < found.Count; i++)
            {
                found.AddRange(ChildrenOf(found[i]));
            }
            return found;
        }

        /// <summary>The regions directly under one, in code order as <see cref="ProgressTree"/> lists them.</summary>
        public IEnumerable<Region> ChildrenOf(Region parent) => parent.Level == RegionLevel.County
            ? []
            : _children[parent.Code].Where(c => c.Level > parent.Level).OrderBy(c => c.Code, StringComparer.Ordinal);
    }
}
