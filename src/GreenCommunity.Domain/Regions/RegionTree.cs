namespace GreenCommunity.Domain.Regions;

/// <summary>
/// Gives the stored divisions one root: a province's deployment stores its province at the top; a national one stores
/// 31 provinces, which are put under the country (code 000000), a region that exists only here.
/// </summary>
public static class RegionTree
{
    public const string CountryCode = "000000";

    public static readonly Region Country = new(CountryCode, "全国", "China", RegionLevel.Country, null);

    /// <summary>The regions with exactly one root; unchanged when they already have one.</summary>
    public static IReadOnlyList<Region> WithOneRoot(IReadOnlyList<Region> regions)
    {
        var roots = regions.Count(r => r.ParentCode is null);
        if (roots <= 1)
        {
            return regions;
        }
        return [Country, .. regions.Select(r => r.ParentCode is null ? r with { ParentCode = CountryCode } : r)];
    }

    /// <summary>The root of regions that have one (see <see cref="WithOneRoot"/>).</summary>
    public static Region RootOf(IReadOnlyList<Region> regions) => regions.Single(r => r.ParentCode is null);
}
