using System.Globalization;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reports;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Maps;

/// <summary>Colours a region's children by a metric on a day: the values, their bins, the legend and the tooltips.</summary>
public sealed class MapViewBuilder(MapGeometry geometry, ReportQueries reports, Campaign campaign, IStringLocalizer<Resources.Map> loc)
{
    // Light to dark green for shares; the 30% and 60% targets are bin edges.
    private static readonly string[] s_greens = ["#f1f8e9", "#c5e1a5", "#8bc34a", "#558b2f", "#1b5e20"];
    private static readonly double[] s_rateEdges = [0.10, 0.30, 0.60, 0.80];
    private static readonly string[] s_gaps = ["#2e7d32", "#ffe082", "#ffb300", "#f57c00", "#c62828"];
    private static readonly int[] s_gapEdges = [1, 11, 51, 101];

    public async Task<MapView> BuildAsync(RegionProgress parent, MapMetric metric, DateOnly asOf, bool english, CancellationToken cancellationToken)
    {
        var layer = parent.Region.Level == RegionLevel.Province
            ? await geometry.ProvinceAsync(cancellationToken)
            : await geometry.LocalityAsync(parent.Region.Code, cancellationToken);
        var statuses = metric == MapMetric.OnTime ? await StatusesAsync(asOf, cancellationToken) : null;
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
                MapMetric.OnTime => Status(statuses!(locality)),
                _ => Gap(next, child.Figures),
            };
            data[child.Region.Code] = new MapDatum(child.Region.Code, child.Region.DisplayName(english), value, display, bin, Tooltip(child, english, display));
        }
        return new MapView(layer, metric, asOf, loc[nameof(Resources.Map.LegendTitle), Title(metric), asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], data, Legend(metric, next));
    }

    public string Title(MapMetric metric) => metric switch
    {
        MapMetric.StartedRate => loc[nameof(Resources.Map.StartedRate)],
        MapMetric.AcceptedRate => loc[nameof(Resources.Map.AcceptedRate)],
        MapMetric.Pilots => loc[nameof(Resources.Map.Pilots)],
        MapMetric.OnTime => loc[nameof(Resources.Map.OnTime)],
        _ => loc[nameof(Resources.Map.Gap)],
    };

    /// <summary>This month's report of each locality as it stood at the end of the day: on time, late, not yet due, missing.</summary>
    /// <remarks>A locality that has not reported is "not yet due" before the deadline and "missing" after it.</remarks>
    private async Task<Func<string, ReportingStatus>> StatusesAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var period = ReportPeriod.OfMonth(asOf.Year, asOf.Month);
        var sent = await reports.MonthlyReportsAsync(period.ToString(), ChinaTime.EndOfDay(asOf), cancellationToken);
        var pastDue = ChinaTime.EndOfDay(asOf) > campaign.DeadlineFor(ReportKind.Monthly, period);
        return locality => sent.TryGetValue(locality, out var onTime)
            ? onTime ? ReportingStatus.OnTime : ReportingStatus.Late
            : pastDue ? ReportingStatus.Missing : ReportingStatus.NotYetDue;
    }

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
            new(0, loc[nameof(Resources.Map.StatusOnTime)], "#2e7d32"), new(1, loc[nameof(Resources.Map.StatusLate)], "#ffb300"),
            new(2, loc[nameof(Resources.Map.StatusNotYet)], "#cfd8dc"), new(3, loc[nameof(Resources.Map.StatusMissing)], "#c62828"),
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
