using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Domain.Progress;

/// <summary>A region's figures on a day, with its children's (localities under the province, counties under a locality).</summary>
public sealed record RegionProgress(Region Region, ProgressFigures Figures, IReadOnlyList<RegionProgress> Children)
{
    public RegionProgress? Find(string code) =>
        Region.Code == code ? this : Children.Select(c => c.Find(code)).FirstOrDefault(found => found is not null);
}
