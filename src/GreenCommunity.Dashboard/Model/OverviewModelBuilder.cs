using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Dashboard.Model;

/// <summary>Shapes the province's progress tree into the overview: figures, milestone statuses, locality rows.</summary>
public sealed class OverviewModelBuilder(ProgressReader progress, Campaign campaign)
{
    public Task<OverviewModel> BuildAsync(DateOnly? asOf, CancellationToken cancellationToken) => BuildAsync(null, asOf, cancellationToken);

    /// <summary>The overview of a region: the province (localities as rows) or a locality (its counties as rows).</summary>
    public async Task<OverviewModel> BuildAsync(string? region, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var day = asOf ?? progress.Today;
        var province = await progress.GetProvinceAsync(day, cancellationToken);
        var tree = region is null ? province : province.Find(region) ?? throw new KeyNotFoundException($"No region {region}.");
        var pilots = await JudgeAsync(MilestoneKind.PilotsPerLocality, day, province, region, cancellationToken);
        var started = await JudgeAsync(MilestoneKind.StartedShare, day, province, region, cancellationToken);
        var accepted = await JudgeAsync(MilestoneKind.AcceptedShare, day, province, region, cancellationToken);

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
    private async Task<Judgement> JudgeAsync(MilestoneKind kind, DateOnly day, RegionProgress province, string? region, CancellationToken cancellationToken)
    {
        var milestone = campaign.Milestones.FirstOrDefault(m => m.Kind == kind);
        var tree = milestone is null || milestone.Due >= day ? province : await progress.GetProvinceAsync(milestone.Due, cancellationToken);
        return new Judgement(milestone, region is null ? tree : tree.Find(region)!, Final: milestone is not null && milestone.Due < day);
    }

    private sealed record Judgement(Milestone? Milestone, RegionProgress Tree, bool Final)
    {
        public bool IsMet(string locality) => Milestone is null || Milestone.IsMet(Tree.Find(locality)?.Figures ?? ProgressFigures.Empty);

        public MilestoneStatus? ProvinceStatus() => Milestone is null ? null
            : new MilestoneStatus(Milestone, Milestone.Measure(Tree.Figures), Milestone.IsMet(Tree.Figures), Milestone.Gap(Tree.Figures), Final,
                Tree.Children.Count(l => Milestone.IsMet(l.Figures)));
    }
}
