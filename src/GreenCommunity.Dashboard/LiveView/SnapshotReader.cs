using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Standard;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Dashboard.LiveView;

/// <summary>Reads the parts of a snapshot from the store: the only SQL on the live path, run once per change, never per page.</summary>
public sealed class SnapshotReader(ProgressReader progress, CriteriaQueries criteria, ProgressHistoryQueries history, ReportQueries reports,
    MapGeometry geometry, Campaign campaign)
{
    public DateOnly Today => progress.Today;

    public Campaign Campaign => campaign;

    public Task<RegionProgress> TreeAsync(DateOnly day, CancellationToken cancellationToken) => progress.GetProvinceAsync(day, cancellationToken);

    public Task<IReadOnlyDictionary<(string Region, int Criterion), CriterionShare>> SharesAsync(DateOnly day, CancellationToken cancellationToken) =>
        SharesOfAsync(day, null, cancellationToken);

    /// <summary>The heat map's cells of some localities and their county-level units only: what reports from them can have changed.</summary>
    public async Task<IReadOnlyDictionary<(string Region, int Criterion), CriterionShare>> SharesOfAsync(DateOnly day, IReadOnlyCollection<string>? localities,
        CancellationToken cancellationToken)
    {
        var shares = await criteria.AllSharesAsync(day, localities, cancellationToken);
        var cells = new Dictionary<(string Region, int Criterion), CriterionShare>();
        // Counties first: a province-administered unit is its own county-level unit with the same code and the same cells.
        foreach (var share in shares.Counties.Concat(shares.Localities))
        {
            cells[(share.Region, share.Criterion)] = share;
        }
        return cells;
    }

    /// <summary>Month ends from the campaign's start to <paramref name="until"/> (the last point is that day).</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<MonthlyPoint>>> MonthEndsAsync(DateOnly until, CancellationToken cancellationToken) =>
        history.MonthEndsAsync(campaign.Start, until, campaign.ProvinceCode, cancellationToken);

    /// <summary>This month's report of each locality as it stood at the end of the day: on time, late, not yet due, missing.</summary>
    /// <remarks>A locality that has not reported is "not yet due" before the deadline and "missing" after it.</remarks>
    public async Task<IReadOnlyDictionary<string, ReportingStatus>> ReportingAsync(DateOnly day, RegionProgress province, CancellationToken cancellationToken)
    {
        var period = ReportPeriod.OfMonth(day.Year, day.Month);
        var sent = await reports.MonthlyReportsAsync(period.ToString(), ChinaTime.EndOfDay(day), cancellationToken);
        var pastDue = ChinaTime.EndOfDay(day) > campaign.DeadlineFor(ReportKind.Monthly, period);
        return province.Localities().ToDictionary(
            l => l.Region.Code,
            l => sent.TryGetValue(l.Region.Code, out var onTime)
                ? onTime ? ReportingStatus.OnTime : ReportingStatus.Late
                : pastDue ? ReportingStatus.Missing : ReportingStatus.NotYetDue,
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Outlines of each province's localities and of each locality's county-level units, projected once for the app's
    /// life — for the provinces the boundary files cover (Hubei); a region without a layer has no map configured.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, MapLayer>> LayersAsync(CancellationToken cancellationToken)
    {
        var regions = await progress.GetRegionsAsync(cancellationToken);
        var layers = new Dictionary<string, MapLayer>(StringComparer.Ordinal);
        foreach (var province in regions.Where(r => r.Level == RegionLevel.Province))
        {
            var layer = await geometry.ProvinceAsync(province.Code, cancellationToken);
            if (layer.Shapes.Count == 0)
            {
                continue;
            }
            layers[province.Code] = layer;
            foreach (var locality in regions.Where(r => r.Level == RegionLevel.Prefecture && r.ParentCode == province.Code))
            {
                layers[locality.Code] = await geometry.LocalityAsync(locality.Code, cancellationToken);
            }
        }
        return layers;
    }

    public async Task<IReadOnlyList<StoredReport>> LatestReportsAsync(int count, CancellationToken cancellationToken) =>
        (await reports.ListAsync(null, null, 1, count, cancellationToken)).Items;
}
