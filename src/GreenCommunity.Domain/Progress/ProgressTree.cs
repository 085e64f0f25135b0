using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Domain.Progress;

/// <summary>Adds county-level figures up to localities, provinces and the root, so every level reconciles by construction.</summary>
public static class ProgressTree
{
    public static RegionProgress Build(IReadOnlyList<Region> regions, IReadOnlyDictionary<string, ProgressFigures> countyFigures)
    {
        regions = RegionTree.WithOneRoot(regions);
        var children = regions.Where(r => r.ParentCode is not null).ToLookup(r => r.ParentCode!, StringComparer.Ordinal);
        return Node(RegionTree.RootOf(regions));

        RegionProgress Node(Region region)
        {
            if (region.Level == RegionLevel.County)
            {
                return new RegionProgress(region, countyFigures.GetValueOrDefault(region.Code, ProgressFigures.Empty), []);
            }
            var nodes = children[region.Code].OrderBy(r => r.Code, StringComparer.Ordinal).Select(Node).ToList();
            var total = nodes.Aggregate(ProgressFigures.Empty, (sum, n) => sum.Add(n.Figures));
            return new RegionProgress(region, total, nodes);
        }
    }

    /// <summary>
    /// The next tree, with every subtree whose figures did not change replaced by the previous tree's instance, so
    /// that whoever shows a region can tell "unchanged" by reference and skip its work.
    /// </summary>
    public static RegionProgress Reuse(RegionProgress previous, RegionProgress next)
    {
        if (previous.Region != next.Region || previous.Children.Count != next.Children.Count)
        {
            return next;
        }
        var children = new RegionProgress[next.Children.Count];
        var same = previous.Figures == next.Figures;
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = Reuse(previous.Children[i], next.Children[i]);
            same &= ReferenceEquals(children[i], previous.Children[i]);
        }
        return same ? previous : next with { Children = children };
    }
}
