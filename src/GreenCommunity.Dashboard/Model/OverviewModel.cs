using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Dashboard.Model;

/// <summary>What the overview page shows, computed once per load from the progress tree.</summary>
public sealed record OverviewModel(
    DateOnly AsOf,
    Campaign Campaign,
    Phase? Phase,
    ProgressFigures Province,
    MilestoneStatus? Pilots,
    MilestoneStatus? Started,
    MilestoneStatus? Accepted,
    int LocalitiesWithPilots,
    IReadOnlyList<LocalityRow> Localities,
    RegionProgress Tree);
