using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Dashboard.Model;

/// <summary>Shapes the province's progress tree into the overview: figures, milestone statuses, locality rows.</summary>
public sealed class OverviewModelBuilder(ProgressReader progress, Campaign campaign)
{
    public async Task<OverviewModel> BuildAsync(DateOnly? asOf, CancellationToken cancellationToken)
    {
        var day = asOf ?? progress.Today;
        var tree = await progress.GetProvinceAsync(day, cancellationToken);
        var pilots = await JudgeAsync(MilestoneKind.PilotsPerLocality, day, tree, cancellationToken);
        var started = await JudgeAsync(MilestoneKind.StartedShare, day, tree, cancellationToken);
        var accepted = await JudgeAsync(MilestoneKind.AcceptedShare, day, tree, cancellationToken);

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
            rows);
    }

    /// <summary>The figures a milestone is judged on: those of its due date once passed, else those of the day shown.</summary>
    private async Task<Judgement> JudgeAsync(MilestoneKind kind, DateOnly day, RegionProgress current, CancellationToken cancellationToken)
    {
        var milestone = campaign.Milestones.FirstOrDefault(m => m.Kind == kind);
        if (milestone is null || milestone.Due >= day)
        {
            return new Judgement(milestone, current, Final: false);
        }
        return new Judgement(milestone, await progress.GetProvinceAsync(milestone.Due, cancellationToken), Final: true);
    }

    private sealed record Judgement(Milestone? Milestone, RegionProgress Tree, bool Final)
    {
        public bool IsMet(string locality) => Milestone is null || Milestone.IsMet(Tree.Find(locality)?.Figures ?? ProgressFigures.Empty);

        public MilestoneStatus? ProvinceStatus() => Milestone is null ? null
            : new MilestoneStatus(Milestone, Milestone.Measure(Tree.Figures), Milestone.IsMet(Tree.Figures), Milestone.Gap(Tree.Figures), Final,
                Tree.Children.Count(l => Milestone.IsMet(l.Figures)));
    }
}
