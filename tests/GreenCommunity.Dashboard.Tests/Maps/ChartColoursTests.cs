using Bunit;
using GreenCommunity.Dashboard.Components.Controls.Charts;
using GreenCommunity.Dashboard.Components.Controls.Overview;
using GreenCommunity.Dashboard.Components.Layout;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Dashboard.Theme;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Standard;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Utilities;

namespace GreenCommunity.Dashboard.Tests.Maps;

/// <summary>The charts as the page renders them: the same colour for the same meaning, names people read, short heads.</summary>
public sealed class ChartColoursTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static readonly DateOnly s_yearEnd = new(2022, 12, 31);

    [Theory]
    [InlineData("2022-03-31", "2023-12-31")]
    [InlineData("2026-11-30", "2026-12-31")]
    public async Task Timeline_ShownDay_StandsAtItsOwnDateInsideTheAxis(string shown, string axisEnd)
    {
        // Arrange
        var day = DateOnly.Parse(shown, System.Globalization.CultureInfo.InvariantCulture);
        var campaign = (await Live.GetAsync(s_yearEnd, Ct)).Campaign;

        // Act
        var timeline = Render<CampaignTimeline>(p => p.Add(m => m.Campaign, campaign).Add(m => m.AsOf, day).Add(m => m.Today, day));

        // Assert: the axis ends after the day shown (a day past a year after the campaign was pinned to an edge labelled 2023-12-31).
        Assert.Equal(axisEnd, timeline.FindAll(".timeline-axis span")[^1].TextContent);
        var left = timeline.Find("[data-testid='timeline-now']").GetAttribute("style")!;
        var position = double.Parse(left["left:".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
        var expected = 100.0 * (day.DayNumber - campaign.Start.DayNumber) / (DateOnly.Parse(axisEnd, System.Globalization.CultureInfo.InvariantCulture).DayNumber - campaign.Start.DayNumber);
        Assert.Equal(expected, position, 0.01);
        Assert.True(position < 100);
    }

    [Fact]
    public async Task Stages_BarAndChart_PaintEachStageInTheSameColour()
    {
        // Arrange
        var snapshot = await Live.GetAsync(s_yearEnd, Ct);

        // Act
        var bar = Render<StageBreakdown>(p => p.Add(m => m.Figures, new ProgressFigures(10, 1, 2, 3, 4, 2)));
        var chart = Render<StagesChart>(p => p.Add(m => m.Snapshot, snapshot).Add(m => m.Parent, snapshot.Province));

        // Assert
        var barColours = Colours(bar.FindAll(".stage-bar .stage-segment"));
        Assert.Equal(barColours, Colours(bar.FindAll(".stage-swatch")));
        Assert.Equal(barColours, Colours(chart.FindAll(".chart-legend .stage-swatch")));
        Assert.All(chart.FindAll(".stage-segment"), segment => Assert.Equal(barColours[Stage(segment)], Background(segment)));
        Assert.Equal(DashboardColors.Green, barColours["accepted"]);
    }

    [Fact]
    public async Task Rates_RegionSelected_ItsLinesNamedByItsNameNotItsCode()
    {
        // Arrange
        var snapshot = await Live.GetAsync(s_yearEnd, Ct);

        // Act
        var cut = Render<RatesChart>(p => p
            .Add(m => m.Snapshot, snapshot).Add(m => m.Selected, "420500").Add(m => m.SelectedName, "宜昌市"));

        // Assert
        var legend = cut.FindAll(".chart-legend li").Select(li => li.TextContent).ToList();
        Assert.Contains(legend, name => name.StartsWith("宜昌市", StringComparison.Ordinal));
        Assert.DoesNotContain(legend, name => name.Contains("420500", StringComparison.Ordinal));
        Assert.All(cut.FindAll("polyline title"), title => Assert.DoesNotContain("420500", title.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HeatMap_Head_EachCriterionsShortNameWithItsFullTextOnHover()
    {
        // Arrange
        var snapshot = await Live.GetAsync(s_yearEnd, Ct);

        // Act
        var cut = Render<CriteriaHeatMap>(p => p
            .Add(m => m.Snapshot, snapshot)
            .Add(m => m.Regions, snapshot.Province.Children.Select(c => (c.Region.Code, c.Region.Name)).ToList()));

        // Assert
        var heads = cut.FindAll("thead th[data-criterion]");
        Assert.Equal(16, heads.Count);
        Assert.All(GreenCommunityStandard.Criteria.Zip(heads), pair =>
        {
            Assert.Equal(pair.First.ShortName(english: false), pair.Second.QuerySelector(".heat-short")!.TextContent);
            Assert.Contains(pair.First.Text, pair.Second.GetAttribute("title")!, StringComparison.Ordinal);
        });
        Assert.NotEmpty(cut.FindAll(".heat-legend .heat-swatch"));
    }

    [Fact]
    public async Task Reporting_MapLegendAndFeedBadges_LateIsTheSameOrange()
    {
        // Arrange
        var snapshot = await Live.GetAsync(s_yearEnd, Ct);
        var palette = DashboardTheme.Theme.PaletteLight;
        var received = new DateTimeOffset(2022, 12, 26, 9, 0, 0, TimeSpan.FromHours(8));

        // Act
        var legend = Services.GetRequiredService<MapViewBuilder>().Build(snapshot, snapshot.Province, MapMetric.OnTime, english: false).Legend;
        var feed = Render<ActivityFeed>(p => p
            .Add(m => m.Items, [new FeedItem("r1", "420100", "monthly", "2022-12", true, received, 3, false), new FeedItem("r2", "420500", "monthly", "2022-11", false, received, 1, false)])
            .Add(m => m.LocalityName, code => code));

        // Assert: on time green and late orange on the map, the feed's badges (the theme's success and warning) and in DashboardColors.
        Assert.Equal([DashboardColors.Reporting.OnTime, DashboardColors.Reporting.Late, DashboardColors.Reporting.NotYetDue, DashboardColors.Reporting.Missing],
            legend.OrderBy(l => l.Bin).Select(l => l.Color));
        var badges = feed.FindAll(".feed-timeliness");
        Assert.Contains("mud-chip-color-success", badges[0].ClassName, StringComparison.Ordinal);
        Assert.Contains("mud-chip-color-warning", badges[1].ClassName, StringComparison.Ordinal);
        Assert.Equal(new MudColor(DashboardColors.Reporting.OnTime), palette.Success);
        Assert.Equal(new MudColor(DashboardColors.Reporting.Late), palette.Warning);
        // The locality table's marks are filled with the same success and warning (LocalityTable.razor.css).
        Assert.Equal(new MudColor(DashboardColors.Target.Met), palette.Success);
        Assert.Equal(new MudColor(DashboardColors.Target.Missed), palette.Warning);
    }

    private LiveProgress Live => Factory.Services.GetRequiredService<LiveProgress>();

    private static Dictionary<string, string> Colours(IEnumerable<AngleSharp.Dom.IElement> elements) =>
        elements.ToDictionary(Stage, Background);

    private static string Stage(AngleSharp.Dom.IElement element) => element.ClassList.First(c => c is "not-started" or "pilot" or "in-progress" or "accepted");

    private static string Background(AngleSharp.Dom.IElement element) =>
        element.GetAttribute("style")!.Split(';').Select(d => d.Split(':')).Single(d => d[0].Trim() == "background")[1].Trim();
}
