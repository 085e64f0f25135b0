using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Dashboard.Model;

/// <summary>What the overview page shows, computed once per load from the progress tree.</summary>
/// <param name="Target">The target that matters on the day shown (<see cref="TargetDistance.TargetOn"/>); the rows' distances are to it.</param>
public sealed record OverviewModel(
    DateOnly AsOf,
    Campaign Campaign,
    Phase? Phase,
    ProgressFigures Province,
    MilestoneStatus? Pilots,
    MilestoneStatus? Started,
    MilestoneStatus? Accepted,
    Milestone? Target,
    IReadOnlyList<LocalityRow> Localities,
    RegionProgress Tree)
{
    /// <summary>The figures' region is a locality (its rows are county-level units), not the province.</summary>
    public bool OfLocality => Tree.Region.Level != Domain.Regions.RegionLevel.Province;
}
