using GreenCommunity.Dashboard.Model;
using GreenCommunity.Data.Bulletins;
using GreenCommunity.Domain;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reporting;

namespace GreenCommunity.Dashboard.Bulletins;

/// <summary>
/// Assembles a bulletin's figures from what the dashboard already computes for a day: the progress tree and the trees
/// the milestones are judged on (the overview's), the compliance grid (the compliance page's) and the open findings.
/// Pure: no store, no clock.
/// </summary>
public static class BulletinFiguresBuilder
{
    /// <param name="province">The province's tree on <paramref name="asOf"/>.</param>
    /// <param name="judged">The tree each milestone is judged on (its due day's once passed), as in the snapshot.</param>
    /// <param name="monthOver">Whether <paramref name="asOf"/> is the month's last day and that day is over (a milestone due on it is final).</param>
    public static BulletinFigures Build(
        Campaign campaign,
        ReportPeriod month,
        DateOnly asOf,
        bool monthOver,
        RegionProgress province,
        IReadOnlyDictionary<MilestoneKind, RegionProgress> judged,
        ComplianceBoard board,
        IReadOnlyList<OpenFindingRow> findings)
    {
        var names = province.Children.ToDictionary(l => l.Region.Code, l => Name(l.Region), StringComparer.Ordinal);
        BulletinName LocalityName(string code) => names.GetValueOrDefault(code) ?? new BulletinName(code, code, code);

        var target = TargetDistance.TargetOn(campaign, asOf);
        return new BulletinFigures(
            month.ToString(),
            asOf,
            target is null ? null : new BulletinTarget(Name(target), ApiNames.Of(target.Kind), target.Due, target.Minimum),
            target is null ? [] : Rank(province, target),
            [.. campaign.Milestones.OrderBy(m => m.Due).Select(m => Verdicts(m, judged.GetValueOrDefault(m.Kind, province), Final(m, asOf, monthOver)))],
            Lapses(board, LocalityName),
            [.. findings.Select(f => new OpenFinding(LocalityName(f.Locality), f.Community, f.CommunityName, f.Inspection, f.VisitedOn, (int)f.Criterion, f.Note, f.RectifyBy))]);
    }

    /// <summary>
    /// The overview's ranking (<see cref="TargetDistance"/>: points from the target, then communities lacking), read
    /// best first; regions at the same distance and gap share a rank.
    /// </summary>
    private static List<RankedLocality> Rank(RegionProgress province, Milestone target)
    {
        var ordered = province.Children
            .Select(l => (Locality: l, Distance: TargetDistance.Of(target, l.Figures)))
            .OrderByDescending(r => r.Distance.Distance).ThenBy(r => r.Distance.Gap).ThenBy(r => r.Locality.Region.Code, StringComparer.Ordinal)
            .ToList();
        var ranking = new List<RankedLocality>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var (locality, distance) = ordered[i];
            var tied = i > 0 && ordered[i - 1].Distance.Distance == distance.Distance && ordered[i - 1].Distance.Gap == distance.Gap;
            var figures = locality.Figures;
            ranking.Add(new RankedLocality(tied ? ranking[i - 1].Rank : i + 1, Name(locality.Region), figures.Communities, figures.Started, figures.Accepted,
                figures.PilotsEver, figures.StartedRate, figures.AcceptedRate, distance.Distance, distance.Gap, distance.Met));
        }
        return ranking;
    }

    /// <summary>Each locality on its own figures: the plan sets every target for each locality (各地).</summary>
    private static MilestoneVerdicts Verdicts(Milestone milestone, RegionProgress tree, bool final) =>
        new(Name(milestone), ApiNames.Of(milestone.Kind), milestone.Due, final,
            [.. tree.Children.OrderBy(l => l.Region.Code, StringComparer.Ordinal)
                .Select(l => new LocalityVerdict(Name(l.Region), milestone.Measure(l.Figures), milestone.IsMet(l.Figures), milestone.Gap(l.Figures)))]);

    /// <summary>A milestone is settled once its due day is over: before the bulletin's day, or on it when the month is over.</summary>
    private static bool Final(Milestone milestone, DateOnly asOf, bool monthOver) => milestone.Due < asOf || (milestone.Due == asOf && monthOver);

    /// <summary>The reports due within the month (the grid's current period) that came late or had not come by the bulletin's day.</summary>
    private static List<ReportLapse> Lapses(ComplianceBoard board, Func<string, BulletinName> localityName) =>
        [.. board.Current
            .SelectMany(duty => board.Localities.Select(l => (l.Locality, Status: l[duty])))
            .Where(x => x.Status.NeedsAttention)
            .OrderBy(x => x.Status.DueDay).ThenBy(x => x.Locality, StringComparer.Ordinal)
            .Select(x => new ReportLapse(localityName(x.Locality), ApiNames.Of(x.Status.Duty.Kind), x.Status.Duty.Period.ToString(), x.Status.DueDay,
                ApiNames.Of(x.Status.State), x.Status.Days, x.Status.ReceivedAt))];

    private static BulletinName Name(Region region) => new(region.Code, region.Name, region.NameEn);

    private static BulletinName Name(Milestone milestone) => new(milestone.Key, milestone.Name, milestone.NameEn);
}
