using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Dashboard.Model;

/// <summary>Shapes a snapshot's tree into a region's overview: figures, milestone verdicts, rows. Pure: no store, no clock.</summary>
public static class OverviewModelBuilder
{
    /// <summary>The overview of a region (null: the province), computed once per snapshot for every page that shows it.</summary>
    public static OverviewModel For(ProgressSnapshot snapshot, string? region) =>
        snapshot.Derived(("overview", region ?? ""), s => Build(s, region));

    /// <summary>The province (localities as rows) or a locality (its county-level units as rows).</summary>
    public static OverviewModel Build(ProgressSnapshot snapshot, string? region)
    {
        var campaign = snapshot.Campaign;
        var day = snapshot.Day;
        var tree = region is null ? snapshot.Province : snapshot.Province.Find(region) ?? throw new KeyNotFoundException($"No region {region}.");
        var pilots = Judge(snapshot, MilestoneKind.PilotsPerLocality, region);
        var started = Judge(snapshot, MilestoneKind.StartedShare, region);
        var accepted = Judge(snapshot, MilestoneKind.AcceptedShare, region);
        var target = TargetDistance.TargetOn(campaign, day);

        var rows = tree.Children
            .Select(l => new LocalityRow(l.Region, l.Figures, pilots.IsMet(l.Region.Code), started.IsMet(l.Region.Code), accepted.IsMet(l.Region.Code),
                target is null ? null : TargetDistance.Of(target, l.Figures)))
            .ToList();
        return new OverviewModel(day, campaign, campaign.PhaseOn(day), tree.Figures, pilots.Status(), started.Status(), accepted.Status(), target, rows, tree);
    }

    /// <summary>The figures a milestone is judged on: those of its due date once passed, else those of the day shown.</summary>
    private static Judgement Judge(ProgressSnapshot snapshot, MilestoneKind kind, string? region)
    {
        var milestone = snapshot.Campaign.Milestones.FirstOrDefault(m => m.Kind == kind);
        var tree = snapshot.Judged.GetValueOrDefault(kind, snapshot.Province);
        return new Judgement(milestone, region is null ? tree : tree.Find(region)!, AtProvince: region is null,
            Final: milestone is not null && milestone.Due < snapshot.Day);
    }

    private sealed record Judgement(Milestone? Milestone, RegionProgress Tree, bool AtProvince, bool Final)
    {
        public bool IsMet(string child) => Milestone is null || Milestone.IsMet(Tree.Find(child)?.Figures ?? ProgressFigures.Empty);

        /// <summary>
        /// The province meets a milestone only when each locality does (the plan's "各地"); a locality on its own figures.
        /// The pilot target is set per locality, so a locality's county-level units are not judged on it.
        /// </summary>
        public MilestoneStatus? Status()
        {
            if (Milestone is not { } milestone)
            {
                return null;
            }
            var judged = AtProvince || milestone.Kind != MilestoneKind.PilotsPerLocality ? Tree.Children : [];
            var below = judged
                .Where(c => !milestone.IsMet(c.Figures))
                .Select(c => new Shortfall(c.Region, milestone.Gap(c.Figures), milestone.Measure(c.Figures)))
                .OrderByDescending(s => s.Gap).ThenBy(s => s.Measure).ThenBy(s => s.Region.Code, StringComparer.Ordinal)
                .ToList();
            var met = AtProvince ? below.Count == 0 && judged.Count > 0 : milestone.IsMet(Tree.Figures);
            var gap = AtProvince ? below.Sum(s => s.Gap) : milestone.Gap(Tree.Figures);
            return new MilestoneStatus(milestone, milestone.Measure(Tree.Figures), met, gap, Final, below, judged.Count);
        }
    }
}
