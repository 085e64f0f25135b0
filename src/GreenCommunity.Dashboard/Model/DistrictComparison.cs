using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Dashboard.Model;

/// <summary>The rate districts are compared, ranked and coloured by: the one the target of the day measures.</summary>
public enum ComparisonMeasure
{
    StartedRate,
    AcceptedRate,
}

/// <summary>
/// One line of the comparison: a region's figures on the day, what it gained over the last one and three months, the
/// communities it still needs for each milestone, its rank by the measure and its forecast.
/// </summary>
/// <param name="PilotsNeeded">Pilots still lacking; null for a county-level unit (the pilot target is each locality's).</param>
/// <param name="StartedNeeded">Communities still to start for the started target (for a district: its own communities × the share).</param>
/// <param name="Rank">1 for the highest measure among its peers (the locality's units, or the 17 localities); equal measures share a rank; null for the province.</param>
/// <param name="Peers">How many regions the rank is among.</param>
public sealed record ComparisonRow(
    Region Region,
    ProgressFigures Figures,
    ProgressFigures MonthAgo,
    ProgressFigures QuarterAgo,
    int? PilotsNeeded,
    int StartedNeeded,
    int AcceptedNeeded,
    double Measure,
    int? Rank,
    int Peers,
    PaceForecast Forecast)
{
    public int StartedChange1 => Figures.Started - MonthAgo.Started;

    public int AcceptedChange1 => Figures.Accepted - MonthAgo.Accepted;

    public int StartedChange3 => Figures.Started - QuarterAgo.Started;

    public int AcceptedChange3 => Figures.Accepted - QuarterAgo.Accepted;
}

/// <summary>
/// A locality's county-level units side by side on a day, with the locality itself (ranked among the localities) and the
/// province as references. The started and accepted targets are set for the locality (各地); a district's "still needed"
/// is its share of them (its communities × 30%, × 60%), so the districts' needs may add up to more than the locality's.
/// </summary>
public sealed record DistrictComparison(
    DateOnly Day,
    ComparisonMeasure Measure,
    Milestone? Pilots,
    Milestone? Started,
    Milestone? Accepted,
    IReadOnlyList<ComparisonRow> Districts,
    ComparisonRow Locality,
    ComparisonRow Province)
{
    /// <summary>The comparison of a locality on a snapshot's day, computed once per snapshot (and earlier pair) for every page.</summary>
    public static DistrictComparison For(ProgressSnapshot snapshot, EarlierSnapshots earlier, string locality)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(earlier);
        return snapshot.Derived(("districts", locality, earlier.MonthAgo, earlier.QuarterAgo),
            s => Build(s.Campaign, s.Day, s.Province, earlier.MonthAgo.Province, earlier.QuarterAgo.Province, locality));
    }

    /// <summary>The measure of a day: accepted once the accepted target is the one that matters, else started.</summary>
    public static ComparisonMeasure MeasureOn(Campaign campaign, DateOnly day) =>
        TargetDistance.TargetOn(campaign, day)?.Kind == MilestoneKind.AcceptedShare ? ComparisonMeasure.AcceptedRate : ComparisonMeasure.StartedRate;

    public static double MeasureOf(ComparisonMeasure measure, ProgressFigures figures) =>
        measure == ComparisonMeasure.AcceptedRate ? figures.AcceptedRate : figures.StartedRate;

    /// <summary>From the province's trees on the day, one month and three months before.</summary>
    public static DistrictComparison Build(Campaign campaign, DateOnly day, RegionProgress root, RegionProgress monthAgo, RegionProgress quarterAgo, string locality)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(root);
        // The locality's peers are its own province's localities (the root's children in a province's deployment).
        var province = root.ParentOf(locality) ?? throw new KeyNotFoundException($"No locality {locality}.");
        var tree = province.Children.FirstOrDefault(c => c.Region.Code == locality && c.Region.Level == RegionLevel.Prefecture) ?? throw new KeyNotFoundException($"No locality {locality}.");
        var measure = MeasureOn(campaign, day);
        var pilots = campaign.Milestones.FirstOrDefault(m => m.Kind == MilestoneKind.PilotsPerLocality);
        var started = campaign.Milestones.FirstOrDefault(m => m.Kind == MilestoneKind.StartedShare);
        var accepted = campaign.Milestones.FirstOrDefault(m => m.Kind == MilestoneKind.AcceptedShare);

        var districtRanks = Ranks(tree.Children, measure);
        var districts = tree.Children
            .Select(d => Row(d, districtRanks[d.Region.Code], tree.Children.Count, countyLevel: true))
            .ToList();
        var localityRanks = Ranks(province.Children, measure);
        var localityRow = Row(tree, localityRanks[tree.Region.Code], province.Children.Count, countyLevel: false);
        // The province meets a target only when each locality does: what it still needs is the localities' needs added up.
        var provinceForecast = Row(province, null, 1, countyLevel: false);
        var provinceRow = provinceForecast with
        {
            Forecast = PaceForecast.ForProvince(provinceForecast.Forecast,
                province.Children.Select(l => PaceForecast.Of(campaign, day, l.Figures, Figures(quarterAgo, l.Region.Code), countyLevel: false))),
            PilotsNeeded = province.Children.Sum(l => Gap(pilots, l.Figures) ?? 0),
            StartedNeeded = province.Children.Sum(l => Gap(started, l.Figures) ?? 0),
            AcceptedNeeded = province.Children.Sum(l => Gap(accepted, l.Figures) ?? 0),
        };
        return new DistrictComparison(day, measure, pilots, started, accepted, districts, localityRow, provinceRow);

        ComparisonRow Row(RegionProgress region, int? rank, int peers, bool countyLevel)
        {
            var before = Figures(monthAgo, region.Region.Code);
            var quarter = Figures(quarterAgo, region.Region.Code);
            return new ComparisonRow(region.Region, region.Figures, before, quarter,
                countyLevel ? null : Gap(pilots, region.Figures), Gap(started, region.Figures) ?? 0, Gap(accepted, region.Figures) ?? 0,
                MeasureOf(measure, region.Figures), rank, peers,
                PaceForecast.Of(campaign, day, region.Figures, quarter, countyLevel));
        }
    }

    private static int? Gap(Milestone? milestone, ProgressFigures figures) => milestone?.Gap(figures);

    private static ProgressFigures Figures(RegionProgress tree, string code) => tree.Find(code)?.Figures ?? ProgressFigures.Empty;

    /// <summary>Competition ranks (1, 2, 2, 4) by the measure, highest first; measures equal to 9 places share a rank.</summary>
    private static Dictionary<string, int> Ranks(IReadOnlyList<RegionProgress> peers, ComparisonMeasure measure)
    {
        var values = peers.Select(p => (p.Region.Code, Value: Math.Round(MeasureOf(measure, p.Figures), 9))).ToList();
        return values.ToDictionary(v => v.Code, v => 1 + values.Count(o => o.Value > v.Value), StringComparer.Ordinal);
    }
}
