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
        var index = _index ??= new RegionIndex(RegionTree.WithOneRoot(await GetRegionsAsync(cancellationToken).ConfigureAwait(false)));
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
                if (found[i].Level != RegionLevel.County)
                {
                    found.AddRange(_children[found[i].Code].Where(c => c.Level > found[i].Level));
                }
            }
            return found;
        }
    }
}
