using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Domain.Progress;

/// <summary>
/// A region's figures on a day, with its children's: provinces under the country, localities under a province,
/// county-level units under a locality.
/// </summary>
public sealed record RegionProgress(Region Region, ProgressFigures Figures, IReadOnlyList<RegionProgress> Children)
{
    public RegionProgress? Find(string code) =>
        Region.Code == code ? this : Children.Select(c => c.Find(code)).FirstOrDefault(found => found is not null);

    /// <summary>The region directly above <paramref name="code"/> in this tree; null for this region itself or an unknown code.</summary>
    public RegionProgress? ParentOf(string code) =>
        Children.Any(c => c.Region.Code == code) ? this : Children.Select(c => c.ParentOf(code)).FirstOrDefault(found => found is not null);

    /// <summary>The prefecture-level localities (the units that report) in this tree: this region's own children in a province.</summary>
    public IEnumerable<RegionProgress> Localities() => Region.Level switch
    {
        RegionLevel.Prefecture => [this],
        RegionLevel.County => [],
        _ => Children.SelectMany(c => c.Localities()),
    };

    /// <summary>This region and every region under it down to <paramref name="deepest"/>, parents first.</summary>
    public IEnumerable<RegionProgress> DownTo(RegionLevel deepest) =>
        Region.Level > deepest ? [] : Children.SelectMany(c => c.DownTo(deepest)).Prepend(this);
}
