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
public sealed class MapViewBuilder(Campaign campaign, IStringLocalizer<Resources.Map> loc)
{
    // Light to dark green for shares; the 30% and 60% targets are bin edges.
    private static readonly string[] s_greens = ["#f1f8e9", "#c5e1a5", "#8bc34a", "#558b2f", "#1b5e20"];
    private static readonly double[] s_rateEdges = [0.10, 0.30, 0.60, 0.80];
    private static readonly string[] s_gaps = [DashboardColors.Green, "#ffe082", "#ffb300", "#f57c00", DashboardColors.Red];
    private static readonly int[] s_gapEdges = [1, 11, 51, 101];

    /// <summary>The colouring of a region's children on the snapshot's day, computed once per snapshot, region, metric and language.</summary>
    public MapView For(ProgressSnapshot snapshot, RegionProgress parent, MapMetric metric) =>
        snapshot.Derived(("map", parent.Region.Code, metric, CultureInfo.CurrentUICulture.Name),
            s => Build(s, parent, metric, DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture)));

    /// <summary>Colours <paramref name="parent"/>'s children by a metric, with the snapshot's outlines, reporting and day.</summary>
    public MapView Build(ProgressSnapshot snapshot, RegionProgress parent, MapMetric metric, bool english)
    {
        var layer = snapshot.Layers[parent.Region.Level == RegionLevel.Province ? snapshot.Campaign.ProvinceCode : parent.Region.Code];
        var asOf = snapshot.Day;
        var next = campaign.NextMilestone(asOf);
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
                _ => Gap(next, child.Figures),
            };
            data[child.Region.Code] = new MapDatum(child.Region.Code, child.Region.DisplayName(english), value, display, bin, Tooltip(child, english, display));
        }
        return new MapView(layer, metric, asOf, loc[nameof(Resources.Map.LegendTitle), Title(metric), IsoDay.Text(asOf)], data, Legend(metric, next));
    }

    public string Title(MapMetric metric) => metric switch
    {
        MapMetric.StartedRate => loc[nameof(Resources.Map.StartedRate)],
        MapMetric.AcceptedRate => loc[nameof(Resources.Map.AcceptedRate)],
        MapMetric.Pilots => loc[nameof(Resources.Map.Pilots)],
        MapMetric.OnTime => loc[nameof(Resources.Map.OnTime)],
        _ => loc[nameof(Resources.Map.Gap)],
    };

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

    private (double?, string, int) Gap(Milestone? next, ProgressFigures figures)
    {
        if (next is null)
        {
            return (null, loc[nameof(Resources.Map.NoMilestone)], 5);
        }
        var gap = next.Gap(figures);
        var display = gap == 0 ? loc[nameof(Resources.Map.GapNone)] : loc[nameof(Resources.Map.GapCommunities), gap];
        return (gap, display, s_gapEdges.Count(edge => gap >= edge));
    }

    private IReadOnlyList<MapLegendEntry> Legend(MapMetric metric, Milestone? next) => metric switch
    {
        MapMetric.StartedRate or MapMetric.AcceptedRate =>
        [
            new(0, "< 10%", s_greens[0]), new(1, "10–30%", s_greens[1]), new(2, "30–60%", s_greens[2]), new(3, "60–80%", s_greens[3]), new(4, "≥ 80%", s_greens[4]),
        ],
        MapMetric.Pilots => [new(0, "0", "#ffcdd2"), new(1, "1", s_greens[1]), new(2, "2", s_greens[3]), new(3, "≥ 3", s_greens[4])],
        MapMetric.OnTime =>
        [
            new(0, loc[nameof(Resources.Map.StatusOnTime)], DashboardColors.Reporting.OnTime), new(1, loc[nameof(Resources.Map.StatusLate)], DashboardColors.Reporting.Late),
            new(2, loc[nameof(Resources.Map.StatusNotYet)], DashboardColors.Reporting.NotYetDue), new(3, loc[nameof(Resources.Map.StatusMissing)], DashboardColors.Reporting.Missing),
        ],
        _ => next is null
            ? [new(5, loc[nameof(Resources.Map.NoMilestone)], "#cfd8dc")]
            :
            [
                new(0, loc[nameof(Resources.Map.GapNone)], s_gaps[0]), new(1, "1–10", s_gaps[1]), new(2, "11–50", s_gaps[2]), new(3, "51–100", s_gaps[3]), new(4, "> 100", s_gaps[4]),
            ],
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
