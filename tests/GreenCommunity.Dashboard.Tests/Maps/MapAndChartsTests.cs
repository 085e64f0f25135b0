using System.Globalization;
using Bunit;
using Dapper;
using GreenCommunity.Dashboard.Components.Controls.Charts;
using GreenCommunity.Dashboard.Components.Controls.Map;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Standard;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Progress;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Maps;

public sealed class MapAndChartsTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static readonly DateOnly s_midYear = new(2022, 6, 30);

    [Fact]
    public async Task Map_LocalityFiguresChange_ItsFillChangesAndOthersStay()
    {
        // Arrange
        var snapshot = await Live.GetAsync(s_midYear, Ct);
        var tree = snapshot.Province;
        var cut = Render<RegionMap>(p => p.Add(m => m.View, BuildView(snapshot, tree)));
        var wuhanBefore = Fill(cut, "420100");
        var yichangBefore = Fill(cut, "420500");

        // Act: every Wuhan community accepted.
        var changed = Replace(tree, "420100", f => new ProgressFigures(f.Communities, 0, 0, 0, f.Communities, f.PilotsEver));
        cut.Render(p => p.Add(m => m.View, BuildView(snapshot, changed)));

        // Assert
        Assert.NotEqual(wuhanBefore, Fill(cut, "420100"));
        Assert.Equal("5", cut.Find("use[data-code='420100']").GetAttribute("data-bin"));   // ≥ 80%, the top of six bands
        Assert.Equal(yichangBefore, Fill(cut, "420500"));
        Assert.Equal(17, cut.FindAll("use[data-code]").Count);
    }

    [Fact]
    public async Task Map_Tooltip_StatesTheLocalitysFigures()
    {
        // Arrange
        var snapshot = await Live.GetAsync(s_midYear, Ct);
        var wuhan = snapshot.Province.Find("420100")!.Figures;

        // Act
        var cut = Render<RegionMap>(p => p.Add(m => m.View, BuildView(snapshot, snapshot.Province)).Add(m => m.LinkFor, code => $"/locality/{code}"));

        // Assert
        var tooltip = cut.Find("use[data-code='420100'] title").TextContent;
        Assert.StartsWith($"武汉市: {wuhan.StartedRate.ToString("P1", CultureInfo.CurrentCulture)}", tooltip, StringComparison.Ordinal);
        Assert.Contains("城市社区：1,531", tooltip, StringComparison.Ordinal);
        Assert.Contains($"已启动：{wuhan.Started:N0}", tooltip, StringComparison.Ordinal);
        Assert.Contains($"已验收：{wuhan.Accepted:N0}", tooltip, StringComparison.Ordinal);
        Assert.Equal("/locality/420100", cut.Find("a[data-code='420100']").GetAttribute("href"));
        Assert.Contains("2022-06-30", cut.Find("[data-testid='map-legend']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_Counties_DrawsThePolygonsAndNamesTheZonesWithout()
    {
        // Arrange
        var snapshot = await Live.GetAsync(null, Ct);

        // Act
        var view = Services.GetRequiredService<MapViewBuilder>().Build(snapshot, snapshot.Province.Find("421000")!, MapMetric.AcceptedRate, english: false);
        var cut = Render<RegionMap>(p => p.Add(m => m.View, view));

        // Assert: 荆州 has 9 county-level units; 荆州经济技术开发区 has no polygon and is named as counted in the totals.
        Assert.Equal(8, cut.FindAll("use[data-code]").Count);
        Assert.Equal(["421071"], view.Layer.Unmapped);
        Assert.Contains("荆州经济技术开发区", cut.Find(".map-unmapped").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeatMap_Cells_EqualARecomputationFromTheRawHistory()
    {
        // Arrange
        var expected = await RecomputeSharesAsync(s_midYear);
        var snapshot = await Live.GetAsync(s_midYear, Ct);
        var regions = snapshot.Province.Children.Select(c => (c.Region.Code, c.Region.Name)).ToList();

        // Act
        var cut = Render<CriteriaHeatMap>(p => p.Add(m => m.Snapshot, snapshot).Add(m => m.Regions, regions));

        // Assert
        var cells = cut.FindAll("td.heat-cell");
        Assert.Equal(17 * 16, cells.Count);
        foreach (var cell in cells)
        {
            var key = (cell.GetAttribute("data-locality")!, int.Parse(cell.GetAttribute("data-criterion")!, CultureInfo.InvariantCulture));
            Assert.Equal(expected[key], double.Parse(cell.GetAttribute("data-share")!, CultureInfo.InvariantCulture), tolerance: 0.00006);
        }
    }

    [Fact]
    public async Task HeatMap_ByCountyAndToday_AddUpToTheLocalityAndMatchTheHistory()
    {
        // Arrange
        var criteria = Services.GetRequiredService<CriteriaQueries>();
        var today = Progress.Today;

        // Act
        var byLocality = await criteria.SharesAsync(s_midYear, null, Ct);
        var byCounty = await criteria.SharesAsync(s_midYear, "420100", Ct);
        var currentTables = await criteria.SharesAsync(today, null, Ct);
        var history = await criteria.HistorySharesAsync(today, Ct);

        // Assert
        var wuhan = byLocality.Where(s => s.Region == "420100").ToDictionary(s => s.Criterion);
        Assert.All(byCounty, s => Assert.StartsWith("4201", s.Region, StringComparison.Ordinal));
        foreach (var criterion in Enumerable.Range(1, 16))
        {
            var counties = byCounty.Where(s => s.Criterion == criterion).ToList();
            Assert.Equal(wuhan[criterion].Started, counties.Sum(s => s.Started));
            Assert.Equal(wuhan[criterion].Met, counties.Sum(s => s.Met));
        }
        Assert.Equal(history.OrderBy(s => (s.Region, s.Criterion)), currentTables.OrderBy(s => (s.Region, s.Criterion)));
    }

    [Fact]
    public async Task HeatMap_CellClicked_ListsTheStartedCommunitiesNotMeetingIt()
    {
        // Arrange
        var snapshot = await Live.GetAsync(s_midYear, Ct);
        var localities = snapshot.Province.Children.Select(c => c.Region.Code).ToHashSet();
        var cell = snapshot.Shares.Values.Where(s => s.Met < s.Started && localities.Contains(s.Region))
            .OrderBy(s => s.Region, StringComparer.Ordinal).ThenBy(s => s.Criterion).First();
        var cut = Render<CriteriaHeatMap>(p => p
            .Add(m => m.Snapshot, snapshot)
            .Add(m => m.Regions, snapshot.Province.Children.Select(c => (c.Region.Code, c.Region.Name)).ToList()));
        var button = cut.Find($"td[data-locality='{cell.Region}'][data-criterion='{cell.Criterion}'] button");

        // Act: the browser's heatcellclick carries the clicked button's data attributes (GreenCommunity.Dashboard.lib.module.js).
        await cut.Find(".heatmap-scroll").TriggerEventAsync("onheatcellclick", new HeatCellEventArgs
        {
            Region = button.GetAttribute("data-region"),
            Criterion = int.Parse(button.GetAttribute("data-criterion")!, CultureInfo.InvariantCulture),
        });

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(cell.Started - cell.Met, cut.FindAll("[data-testid='unmet-list'] li").Count));
    }

    [Fact]
    public async Task HeatMap_ClickBesideTheCellsOrForged_ShowsNothing()
    {
        // Arrange
        var snapshot = await Live.GetAsync(s_midYear, Ct);
        var cut = Render<CriteriaHeatMap>(p => p
            .Add(m => m.Snapshot, snapshot)
            .Add(m => m.Regions, snapshot.Province.Children.Select(c => (c.Region.Code, c.Region.Name)).ToList()));

        // Act: a click on a heading (no cell), another province's code, a criterion the standard does not have.
        await cut.Find(".heatmap-scroll").TriggerEventAsync("onheatcellclick", new HeatCellEventArgs());
        await cut.Find(".heatmap-scroll").TriggerEventAsync("onheatcellclick", new HeatCellEventArgs { Region = "110100", Criterion = 1 });
        await cut.Find(".heatmap-scroll").TriggerEventAsync("onheatcellclick", new HeatCellEventArgs { Region = "420100", Criterion = 17 });

        // Assert
        Assert.Empty(cut.FindAll("[data-testid='unmet-list']"));
    }

    [Fact]
    public async Task MonthEnds_EqualTheTreeOnThoseDays()
    {
        // Act
        var series = await Services.GetRequiredService<ProgressHistoryQueries>().MonthEndsAsync(new DateOnly(2021, 6, 1), new DateOnly(2022, 12, 31), "420000", Ct);

        // Assert
        foreach (var point in series["420000"].Where((_, i) => i % 4 == 0))
        {
            var tree = await Progress.GetProvinceAsync(point.Day, Ct);
            Assert.Equal((tree.Figures.Started, tree.Figures.Accepted), (point.Started, point.Accepted));
            Assert.Equal(tree.Find("420500")!.Figures.Started, series["420500"].Single(p => p.Day == point.Day).Started);
        }
        Assert.Equal(19, series["420000"].Count);
    }

    private ProgressReader Progress => Factory.Services.GetRequiredService<ProgressReader>();

    private LiveProgress Live => Factory.Services.GetRequiredService<LiveProgress>();

    private MapView BuildView(LiveView.ProgressSnapshot snapshot, RegionProgress tree) =>
        Services.GetRequiredService<MapViewBuilder>().Build(snapshot, tree, MapMetric.StartedRate, english: false);

    private static string? Fill(IRenderedComponent<RegionMap> cut, string code) => cut.Find($"use[data-code='{code}']").GetAttribute("fill");

    private static RegionProgress Replace(RegionProgress tree, string code, Func<ProgressFigures, ProgressFigures> change) =>
        tree with { Children = tree.Children.Select(c => c.Region.Code == code ? c with { Figures = change(c.Figures) } : c).ToList() };

    /// <summary>Replays the raw rows in C#: latest stage and latest assessment per community on the day.</summary>
    private async Task<Dictionary<(string, int), double>> RecomputeSharesAsync(DateOnly day)
    {
        await using var connection = await Factory.Services.GetRequiredService<StoreDatabase>().OpenAsync(Ct);
        var localities = (await connection.QueryAsync<(string Code, string Locality)>("SELECT code, locality_code FROM communities")).ToDictionary(r => r.Code, r => r.Locality);
        var stages = (await connection.QueryAsync<(string Community, long Stage)>("SELECT community_code, stage FROM stage_events WHERE effective <= @asOf ORDER BY effective, id", new { asOf = day }))
            .GroupBy(r => r.Community).ToDictionary(g => g.Key, g => g.Last().Stage);
        var met = (await connection.QueryAsync<(string Community, long Criterion, long Met)>("SELECT community_code, criterion, met FROM criterion_assessments WHERE effective <= @asOf ORDER BY effective, id", new { asOf = day }))
            .GroupBy(r => (r.Community, r.Criterion)).ToDictionary(g => g.Key, g => g.Last().Met == 1);
        var started = stages.Where(s => s.Value > 0).Select(s => s.Key).ToList();
        var result = new Dictionary<(string, int), double>();
        foreach (var group in started.GroupBy(c => localities[c]))
        {
            for (var criterion = 1; criterion <= 16; criterion++)
            {
                result[(group.Key, criterion)] = (double)group.Count(c => met.GetValueOrDefault((c, criterion))) / group.Count();
            }
        }
        return result;
    }
}
