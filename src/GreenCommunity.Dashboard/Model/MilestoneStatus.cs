using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Dashboard.Model;

/// <summary>A region below a milestone's target: the communities (pilots, for the pilot target) it lacks, and its measure.</summary>
public sealed record Shortfall(Region Region, int Gap, double Measure);

/// <summary>
/// A milestone's verdict for the region shown. The plan sets each target for each locality (各地), so the province
/// meets a milestone only when every locality does; a locality is judged on its own figures, and its county-level
/// units below the target are named. Once the due date has passed the figures are those of that day
/// (<see cref="Final"/>); before, those of the day shown.
/// </summary>
/// <param name="Measure">The region's own rate (or pilot count) on those figures: shown beside the verdict, not the verdict at province level.</param>
/// <param name="Met">The verdict.</param>
/// <param name="Gap">The communities still lacking: at province level the sum of the localities' shortfalls, else the region's own.</param>
/// <param name="Below">The child regions below the target, furthest behind (most communities lacking) first.</param>
/// <param name="Children">How many child regions were judged (none for the pilot target under a locality: it is set per locality).</param>
public sealed record MilestoneStatus(Milestone Milestone, double Measure, bool Met, int Gap, bool Final, IReadOnlyList<Shortfall> Below, int Children)
{
    public int ChildrenMet => Children - Below.Count;
}
