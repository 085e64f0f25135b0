using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Dashboard.Model;

/// <summary>
/// A milestone judged on the province's figures. Once its due date has passed it is judged on the figures of
/// that day (<see cref="Final"/>); before, on the figures of the day shown.
/// </summary>
/// <param name="LocalitiesMet">How many localities reach the milestone on the same figures.</param>
public sealed record MilestoneStatus(Milestone Milestone, double Measure, bool Met, int Gap, bool Final, int LocalitiesMet);
