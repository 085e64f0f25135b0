namespace GreenCommunity.Domain.Regions;

/// <summary>Levels of the administrative tree the dashboard aggregates over.</summary>
public enum RegionLevel
{
    /// <summary>The whole country: the tree's root in a national deployment (never stored; see <see cref="RegionTree"/>).</summary>
    Country = 0,
    Province = 1,
    Prefecture = 2,
    County = 3,
}
