using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Dashboard.Model;

/// <summary>Shapes a snapshot's tree into a region's overview: figures, milestone statuses, rows. Pure: no store, no clock.</summary>
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

        var rows = tree.Children
            .Select(l => new LocalityRow(l.Region, l.Figures, pilots.IsMet(l.Region.Code), started.IsMet(l.Region.Code), accepted.IsMet(l.Region.Code)))
            .ToList();
        var withPilots = rows.Count(r => r.PilotsMet);
        return new OverviewModel(
            day,
            campaign,
            campaign.PhaseOn(day),
            tree.Figures,
            pilots.Milestone is null ? null : new MilestoneStatus(pilots.Milestone, withPilots, withPilots == rows.Count, rows.Count - withPilots, pilots.Final, withPilots),
            started.ProvinceStatus(),
            accepted.ProvinceStatus(),
            withPilots,
            rows,
            tree);
    }

    /// <summary>The figures a milestone is judged on: those of its due date once passed, else those of the day shown.</summary>
    private static Judgement Judge(ProgressSnapshot snapshot, MilestoneKind kind, string? region)
    {
        var milestone = snapshot.Campaign.Milestones.FirstOrDefault(m => m.Kind == kind);
        var tree = snapshot.Judged.GetValueOrDefault(kind, snapshot.Province);
        return new Judgement(milestone, region is null ? tree : tree.Find(region)!, Final: milestone is not null && milestone.Due < snapshot.Day);
    }

    private sealed record Judgement(Milestone? Milestone, RegionProgress Tree, bool Final)
    {
        public bool IsMet(string locality) => Milestone is null || Milestone.IsMet(Tree.Find(locality)?.Figures ?? ProgressFigures.Empty);

        public MilestoneStatus? ProvinceStatus() => Milestone is null ? null
            : new MilestoneStatus(Milestone, Milestone.Measure(Tree.Figures), Milestone.IsMet(Tree.Figures), Milestone.Gap(Tree.Figures), Final,
                Tree.Children.Count(l => Milestone.IsMet(l.Figures)));
    }
}
