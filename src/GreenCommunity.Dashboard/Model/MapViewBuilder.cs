using System.Globalization;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Dashboard.Theme;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Model;

/// <summary>Colours a region's children by a metric on a day: the values, their bins, the legend and the tooltips.</summary>
public sealed class MapViewBuilder(Campaign campaign, IStringLocalizer<Resources.Map> loc, IStringLocalizer<Resources.Overview> overviewLoc,
    IStringLocalizer<Resources.Districts> districtsLoc)
{
    // Light to dark green for shares. The 30% and 60% targets are edges; above 50% bands of 10 points, since once
    // the campaign is under way the localities lie there (55%–88% started in the demo) and must not share one colour.
    private static readonly string[] s_greens = ["#f1f8e9", "#dcedc8", "#aed581", "#7cb342", "#558b2f", "#1b5e20"];
    private static readonly double[] s_rateEdges = [0.30, 0.50, 0.60, 0.70, 0.80];
    private const int NoTargetBin = 9;

    /// <summary>Bands of the districts' spread, light (lowest) to dark (highest): not the greens of the rates, nor the target scale's.</summary>
    private const int SpreadBands = 5;
    private static readonly string[] s_spread = ["#e0f3db", "#a8ddb5", "#7bccc4", "#43a2ca", "#0868ac"];
    private static readonly string[] s_gaps = [DashboardColors.Green, "#ffe082", "#ffb300", "#f57c00", DashboardColors.Red];
    private static readonly int[] s_gapEdges = [1, 11, 51, 101];

    /// <summary>Whether the boundary files cover a region's children (Hubei's); elsewhere pages show tables and charts only.</summary>
    public static bool HasMap(ProgressSnapshot snapshot, RegionProgress parent) => snapshot.Layers.ContainsKey(parent.Region.Code);

    /// <summary>The colouring of a region's children on the snapshot's day, computed once per snapshot, region, metric and language.</summary>
    public MapView For(ProgressSnapshot snapshot, RegionProgress parent, MapMetric metric) =>
        snapshot.Derived(("map", parent.Region.Code, metric, CultureInfo.CurrentUICulture.Name),
            s => Build(s, parent, metric, DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture)));

    /// <summary>Colours <paramref name="parent"/>'s children by a metric, with the snapshot's outlines, reporting and day.</summary>
    public MapView Build(ProgressSnapshot snapshot, RegionProgress parent, MapMetric metric, bool english)
    {
        var layer = snapshot.Layers.GetValueOrDefault(parent.Region.Code)
            ?? throw new KeyNotFoundException($"No map is configured for {parent.Region.Code}: ask HasMap first.");
        var asOf = snapshot.Day;
        var target = TargetDistance.TargetOn(campaign, asOf);
        if (metric == MapMetric.DistrictSpread)
        {
            return Spread(snapshot, parent, layer, english);
        }
        var data = new Dictionary<string, MapDatum>(StringComparer.Ordinal);
        foreach (var child in parent.Children)
        {
            var locality = parent.Region.Level == RegionLevel.Province ? child.Region.Code : parent.Region.Code;
            var (value, display, bin) = metric switch
            {
                MapMetric.StartedRate => Rate(child.Figures.StartedRate),
                MapMetric.AcceptedRate => Rate(child.Figures.AcceptedRate),
                MapMetric.Pilots => (child.Figures.PilotsEver, child.Figures.PilotsEver.ToString(CultureInfo.CurrentCulture), Math.Min(child.Figures.PilotsEver, 3)),
                MapMetric.OnTime => Status(snapshot.Reporting.GetValueOrDefault(locality, ReportingStatus.NotYetDue)),
                MapMetric.Gap => Gap(target, child.Figures),
                _ => Distance(target, child.Figures),
            };
            data[child.Region.Code] = new MapDatum(child.Region.Code, child.Region.DisplayName(english), value, display, bin, Tooltip(child, english, display));
        }
        return new MapView(layer, metric, asOf, LegendTitle(metric, target, asOf), data, Legend(metric, target));
    }

    public string Title(MapMetric metric) => metric switch
    {
        MapMetric.StartedRate => loc[nameof(Resources.Map.StartedRate)],
        MapMetric.AcceptedRate => loc[nameof(Resources.Map.AcceptedRate)],
        MapMetric.Pilots => loc[nameof(Resources.Map.Pilots)],
        MapMetric.OnTime => loc[nameof(Resources.Map.OnTime)],
        MapMetric.Gap => loc[nameof(Resources.Map.GapTarget)],
        MapMetric.DistrictSpread => districtsLoc[nameof(Resources.Districts.MapMetric)],
        _ => loc[nameof(Resources.Map.TargetDistance)],
    };

    /// <summary>
    /// The districts by the comparison's measure in up to <see cref="SpreadBands"/> bands of about equally many districts,
    /// lowest first, split at the target: bands of a fixed width put a locality's districts, which lie close together, in one or two colours.
    /// Each band's legend gives the rates of the districts in it, and says when they are all below the target.
    /// </summary>
    private MapView Spread(ProgressSnapshot snapshot, RegionProgress parent, MapLayer layer, bool english)
    {
        var measure = DistrictComparison.MeasureOn(campaign, snapshot.Day);
        var milestone = campaign.Milestones.FirstOrDefault(m => m.Kind == (measure == ComparisonMeasure.AcceptedRate ? MilestoneKind.AcceptedShare : MilestoneKind.StartedShare));
        var values = parent.Children.ToDictionary(c => c.Region.Code, c => Math.Round(DistrictComparison.MeasureOf(measure, c.Figures), 9), StringComparer.Ordinal);
        // Bands never straddle the target: the districts below it are banded apart from those at or above it, each side
        // getting bands in proportion to its districts (at least one), so that "below the target" holds for a whole band.
        bool Below(double value) => milestone is not null && value < milestone.Minimum - 1e-9;
        var below = values.Values.Where(Below).Order().ToList();
        var atOrAbove = values.Values.Where(v => !Below(v)).Order().ToList();
        var (belowDistinct, aboveDistinct) = (below.Distinct().Count(), atOrAbove.Distinct().Count());
        var wanted = Math.Min(SpreadBands, belowDistinct + aboveDistinct);
        var belowBands = below.Count == 0 ? 0
            : atOrAbove.Count == 0 ? wanted
            : Math.Clamp((int)Math.Round(wanted * below.Count / (double)values.Count), 1, wanted - 1);
        belowBands = Math.Min(belowBands, belowDistinct);
        var aboveBands = Math.Min(wanted - belowBands, aboveDistinct);
        var bands = belowBands + aboveBands;
        int Bin(double value) => Below(value)
            ? below.IndexOf(value) * belowBands / below.Count
            : belowBands + (atOrAbove.IndexOf(value) * aboveBands / atOrAbove.Count);

        var data = parent.Children.ToDictionary(c => c.Region.Code, c =>
        {
            var display = values[c.Region.Code].ToString("P1", CultureInfo.CurrentCulture);
            return new MapDatum(c.Region.Code, c.Region.DisplayName(english), values[c.Region.Code], display, Bin(values[c.Region.Code]), Tooltip(c, english, display));
        }, StringComparer.Ordinal);
        var legend = data.Values.GroupBy(d => d.Bin).OrderBy(g => g.Key).Select(g =>
        {
            var (low, high) = (g.Min(d => d.Value!.Value), g.Max(d => d.Value!.Value));
            var label = low == high ? P(low) : $"{P(low)}–{P(high)}";
            if (milestone is not null && high < milestone.Minimum - 1e-9)
            {
                label = districtsLoc[nameof(Resources.Districts.MapBelowTarget), label];
            }
            return new MapLegendEntry(g.Key, label, s_spread[g.Key * (s_spread.Length - 1) / Math.Max(1, bands - 1)]);
        }).ToList();
        var name = measure == ComparisonMeasure.AcceptedRate ? overviewLoc[nameof(Resources.Overview.ColumnAcceptedRate)] : overviewLoc[nameof(Resources.Overview.ColumnStartedRate)];
        var target = milestone is null ? "—" : milestone.Minimum.ToString("P0", CultureInfo.CurrentCulture);
        var title = bands <= 1
            ? districtsLoc[nameof(Resources.Districts.MapLegendOne), name, IsoDay.Text(snapshot.Day), target]
            : districtsLoc[nameof(Resources.Districts.MapLegend), name, IsoDay.Text(snapshot.Day), bands, target];
        return new MapView(layer, MapMetric.DistrictSpread, snapshot.Day, title, data, legend);

        static string P(double rate) => rate.ToString("P1", CultureInfo.CurrentCulture);
    }

    /// <summary>The distance's legend names the target it measures against, so that the colours say behind or ahead of what.</summary>
    private string LegendTitle(MapMetric metric, Milestone? target, DateOnly asOf) => metric == MapMetric.TargetDistance && target is not null
        ? loc[nameof(Resources.Map.LegendTarget), TargetDistance.ShortName(target, overviewLoc), IsoDay.Text(target.Due), IsoDay.Text(asOf)]
        : loc[nameof(Resources.Map.LegendTitle), Title(metric), IsoDay.Text(asOf)];

    private static (double?, string, int) Rate(double rate)
    {
        var bin = s_rateEdges.Count(edge => rate >= edge - 1e-12);
        return (rate, rate.ToString("P1", CultureInfo.CurrentCulture), bin);
    }

    private (double?, string, int) Status(ReportingStatus status) => status switch
    {
        ReportingStatus.OnTime => (1, loc[nameof(Resources.Map.StatusOnTime)], 0),
        ReportingStatus.Late => (0.5, loc[nameof(Resources.Map.StatusLate)], 1),
        ReportingStatus.NotYetDue => (null, loc[nameof(Resources.Map.StatusNotYet)], 2),
        _ => (0, loc[nameof(Resources.Map.StatusMissing)], 3),
    };

    private (double?, string, int) Distance(Milestone? target, ProgressFigures figures)
    {
        if (target is null)
        {
            return (null, loc[nameof(Resources.Map.NoMilestone)], NoTargetBin);
        }
        var distance = TargetDistance.Of(target, figures);
        var display = distance switch
        {
            { InPoints: false, Gap: > 0 } => loc[nameof(Resources.Map.PilotsShort), distance.Gap],
            { InPoints: false } => loc[nameof(Resources.Map.PilotsCount), figures.PilotsEver],
            { Gap: > 0 } => loc[nameof(Resources.Map.DistanceBehind), Points(-distance.Distance), distance.Gap.ToString("N0", CultureInfo.CurrentCulture)],
            { Distance: > 0 } => loc[nameof(Resources.Map.DistanceAhead), Points(distance.Distance)],
            _ => loc[nameof(Resources.Map.DistanceOnTarget)],
        };
        return (distance.Distance, display, TargetScale.Bin(distance));
    }

    private static string Points(double points) => points.ToString("0.#", CultureInfo.CurrentCulture);

    private (double?, string, int) Gap(Milestone? next, ProgressFigures figures)
    {
        if (next is null)
        {
            return (null, loc[nameof(Resources.Map.NoMilestone)], NoTargetBin);
        }
        var gap = next.Gap(figures);
        var display = gap == 0 ? loc[nameof(Resources.Map.GapNone)] : loc[nameof(Resources.Map.GapCommunities), gap];
        return (gap, display, s_gapEdges.Count(edge => gap >= edge));
    }

    private IReadOnlyList<MapLegendEntry> Legend(MapMetric metric, Milestone? next) => metric switch
    {
        MapMetric.StartedRate or MapMetric.AcceptedRate =>
        [
            new(0, "< 30%", s_greens[0]), new(1, "30–50%", s_greens[1]), new(2, "50–60%", s_greens[2]), new(3, "60–70%", s_greens[3]),
            new(4, "70–80%", s_greens[4]), new(5, "≥ 80%", s_greens[5]),
        ],
        MapMetric.Pilots => [new(0, "0", "#ffcdd2"), new(1, "1", s_greens[1]), new(2, "2", s_greens[3]), new(3, "≥ 3", s_greens[4])],
        MapMetric.OnTime =>
        [
            new(0, loc[nameof(Resources.Map.StatusOnTime)], DashboardColors.Reporting.OnTime), new(1, loc[nameof(Resources.Map.StatusLate)], DashboardColors.Reporting.Late),
            new(2, loc[nameof(Resources.Map.StatusNotYet)], DashboardColors.Reporting.NotYetDue), new(3, loc[nameof(Resources.Map.StatusMissing)], DashboardColors.Reporting.Missing),
        ],
        _ when next is null => [new(NoTargetBin, loc[nameof(Resources.Map.NoMilestone)], "#cfd8dc")],
        MapMetric.Gap =>
        [
            new(0, loc[nameof(Resources.Map.GapNone)], s_gaps[0]), new(1, "1–10", s_gaps[1]), new(2, "11–50", s_gaps[2]), new(3, "51–100", s_gaps[3]), new(4, "> 100", s_gaps[4]),
        ],
        _ => TargetScale.Bands(next, loc).Select(b => new MapLegendEntry(b.Bin, b.Label, TargetScale.Colors[b.Bin])).ToList(),
    };

    private List<string> Tooltip(RegionProgress region, bool english, string metricDisplay)
    {
        var f = region.Figures;
        return
        [
            $"{region.Region.DisplayName(english)}: {metricDisplay}",
            loc[nameof(Resources.Map.TipCommunities), f.Communities.ToString("N0", CultureInfo.CurrentCulture)],
            loc[nameof(Resources.Map.TipStarted), f.Started.ToString("N0", CultureInfo.CurrentCulture), f.StartedRate.ToString("P1", CultureInfo.CurrentCulture)],
            loc[nameof(Resources.Map.TipAccepted), f.Accepted.ToString("N0", CultureInfo.CurrentCulture), f.AcceptedRate.ToString("P1", CultureInfo.CurrentCulture)],
            loc[nameof(Resources.Map.TipPilots), f.PilotsEver.ToString(CultureInfo.CurrentCulture)],
        ];
    }
}
