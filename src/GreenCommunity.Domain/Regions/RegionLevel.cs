namespace GreenCommunity.Domain.Regions;

/// <summary>Levels of the administrative tree the dashboard aggregates over.</summary>
public enum RegionLevel
{
    Province = 1,
    Prefecture = 2,
    County = 3,
}
