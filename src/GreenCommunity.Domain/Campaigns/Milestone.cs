using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Domain.Campaigns;

/// <summary>A target with its due date; a pilot target counts communities, the others a share (0..1).</summary>
public sealed record Milestone(string Key, MilestoneKind Kind, DateOnly Due, double Minimum, double? Maximum, string Name, string NameEn)
{
    /// <summary>The figure the milestone is judged on: a pilot count or a share.</summary>
    public double Measure(ProgressFigures figures) => Kind switch
    {
        MilestoneKind.PilotsPerLocality => figures.PilotsEver,
        MilestoneKind.StartedShare => figures.StartedRate,
        MilestoneKind.AcceptedShare => figures.AcceptedRate,
        _ => throw new InvalidOperationException($"Unknown milestone kind {Kind}."),
    };

    /// <summary>
    /// Whether a region's figures reach the target. A pilot target is reached with at least the minimum;
    /// more pilots than the maximum still reach it (the plan asks for 1–2 as a start, not a cap).
    /// </summary>
    public bool IsMet(ProgressFigures figures) => Measure(figures) >= Minimum - 1e-12;

    /// <summary>How far a region is from the target: communities still to start, accept or pilot (0 when met).</summary>
    public int Gap(ProgressFigures figures) => Kind switch
    {
        MilestoneKind.PilotsPerLocality => Math.Max(0, (int)Minimum - figures.PilotsEver),
        MilestoneKind.StartedShare => Math.Max(0, RequiredCount(figures.Communities) - figures.Started),
        MilestoneKind.AcceptedShare => Math.Max(0, RequiredCount(figures.Communities) - figures.Accepted),
        _ => throw new InvalidOperationException($"Unknown milestone kind {Kind}."),
    };

    /// <summary>The smallest whole number of communities that makes up the share, e.g. 30% of 245 is 74.</summary>
    public int RequiredCount(int communities) => (int)Math.Ceiling(Math.Round(communities * Minimum, 9));
}
