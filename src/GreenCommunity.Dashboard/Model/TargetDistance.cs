using System.Globalization;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Model;

/// <summary>
/// How far a region stands from the target that matters on a day: negative behind, positive ahead. For a share the
/// distance is in percentage points (a locality of 200 communities and one of 2,000 compare fairly); for the pilot
/// target in pilots. <see cref="Gap"/> says what is still to do, in communities.
/// </summary>
public sealed record TargetDistance(Milestone Milestone, double Distance, int Gap)
{
    /// <summary>Whether the distance is in percentage points (share targets) rather than pilots.</summary>
    public bool InPoints => Milestone.Kind != MilestoneKind.PilotsPerLocality;

    public bool Met => Gap == 0;

    /// <summary>
    /// The target that matters on a day: the next milestone's until the last due date; after it the last one, which
    /// the long-term management keeps (60% accepted), measured on the day's own figures.
    /// </summary>
    public static Milestone? TargetOn(Campaign campaign, DateOnly day) =>
        campaign.NextMilestone(day) ?? campaign.Milestones.OrderBy(m => m.Due).LastOrDefault();

    public static TargetDistance Of(Milestone milestone, ProgressFigures figures)
    {
        var distance = milestone.Measure(figures) - milestone.Minimum;
        var inPoints = milestone.Kind != MilestoneKind.PilotsPerLocality;
        // Rounded so that 60.0% of 60% reads as on the target rather than 0.0000000001 behind.
        return new TargetDistance(milestone, Math.Round(inPoints ? distance * 100 : distance, 6), milestone.Gap(figures));
    }

    /// <summary>The distance in words, as the table and the ranking show it: "落后15个百分点 · 差54个", "超出3个百分点".</summary>
    public string Describe(IStringLocalizer<Resources.Overview> loc) => this switch
    {
        { InPoints: false, Gap: > 0 } => loc[nameof(Resources.Overview.PilotsBehind), Count(Gap)],
        { InPoints: false } => loc[nameof(Resources.Overview.PilotsAhead), Count((int)(Distance + Milestone.Minimum))],
        { Gap: > 0 } => loc[nameof(Resources.Overview.DistanceBehind), Points(-Distance), Count(Gap)],
        { Distance: > 0 } => loc[nameof(Resources.Overview.DistanceAhead), Points(Distance)],
        _ => loc[nameof(Resources.Overview.DistanceOnTarget)],
    };

    private static string Count(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private static string Points(double points) => points.ToString("0.#", CultureInfo.CurrentCulture);

    /// <summary>The target in a few words: "达标率60%", "试点1—2个".</summary>
    public static string ShortName(Milestone milestone, IStringLocalizer<Resources.Overview> loc) => milestone.Kind switch
    {
        MilestoneKind.PilotsPerLocality => loc[nameof(Resources.Overview.TargetShortPilots), milestone.Minimum, milestone.Maximum ?? milestone.Minimum],
        MilestoneKind.StartedShare => loc[nameof(Resources.Overview.TargetShortStarted), milestone.Minimum.ToString("P0", CultureInfo.CurrentCulture)],
        _ => loc[nameof(Resources.Overview.TargetShortAccepted), milestone.Minimum.ToString("P0", CultureInfo.CurrentCulture)],
    };
}
