using System.Globalization;
using Bunit;
using GreenCommunity.Dashboard.Components.Controls.Charts;
using GreenCommunity.Dashboard.Components.Pages;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Maps;

/// <summary>The map's default colouring: behind or ahead of the target that matters on the day shown, at a glance.</summary>
public sealed class TargetScaleTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    private static readonly double[] s_edges = [-10, -5, 0, 5, 10];

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Build_Today_BinsTheDistanceToSixtyPercentAcceptedAroundTheTarget()
    {
        // Arrange: after the last due date the target kept is 60% accepted, on the day's own figures.
        var snapshot = await Live.GetAsync(null, Ct);

        // Act
        var view = Builder.Build(snapshot, snapshot.Province, MapMetric.TargetDistance, english: false);

        // Assert
        Assert.Equal($"距目标（达标率60%，2022-12-31到期）的差距，截至 {IsoDay.Text(snapshot.Day)}", view.Title);
        Assert.Equal(["落后10个百分点以上", "落后5–10个百分点", "落后0–5个百分点", "达标，超出0–5个百分点", "超出5–10个百分点", "超出10个百分点以上"],
            view.Legend.Select(l => l.Label));
        foreach (var locality in snapshot.Province.Children)
        {
            var figures = locality.Figures;
            var points = (figures.AcceptedRate - 0.6) * 100;
            var behind = figures.Accepted < Math.Ceiling(Math.Round(figures.Communities * 0.6, 9));
            var datum = view.Data[locality.Region.Code];
            Assert.Equal(points, datum.Value!.Value, 6);
            Assert.Equal(s_edges.Count(e => points >= e - 1e-9), datum.Bin);
            Assert.Equal(behind, datum.Bin < 3);   // behind and ahead never share a band: the target is an edge
            Assert.Equal(behind, datum.Display.StartsWith("落后", StringComparison.Ordinal));
        }
        // The demo's localities lie within about ±17 points: the bands tell them apart, behind and ahead both.
        var bins = view.Data.Values.Select(d => d.Bin).Distinct().ToList();
        Assert.True(bins.Count >= 4, $"bins used: {string.Join(",", bins)}");
        Assert.Contains(bins, b => b < 3);
        Assert.Contains(bins, b => b >= 3);
    }

    [Fact]
    public void Colors_Diverge_WarmBehindGreenAhead()
    {
        // Act
        var (red, _, blue) = Rgb(TargetScale.Colors[0]);
        var (red3, green3, _) = Rgb(TargetScale.Colors[3]);
        var (red5, green5, _) = Rgb(TargetScale.Colors[5]);

        // Assert: behind bands red above green, ahead bands green above red; palest next to the target.
        Assert.All(TargetScale.Colors.Take(3), c => Assert.True(Rgb(c).R > Rgb(c).G, c));
        Assert.All(TargetScale.Colors.Skip(3), c => Assert.True(Rgb(c).G > Rgb(c).R, c));
        Assert.True(red > blue);
        Assert.True(Lightness(TargetScale.Colors[2]) > Lightness(TargetScale.Colors[0]));
        Assert.True(Lightness(TargetScale.Colors[3]) > Lightness(TargetScale.Colors[5]));
        Assert.True(green3 > red3 && green5 > red5);
    }

    [Theory]
    [InlineData("2021-10-31", "试点1—2个", "2021-12-31")]
    [InlineData("2022-01-31", "启动率30%", "2022-06-30")]
    [InlineData("2022-06-30", "启动率30%", "2022-06-30")]
    [InlineData("2022-07-31", "达标率60%", "2022-12-31")]
    [InlineData("2024-05-31", "达标率60%", "2022-12-31")]
    public async Task Build_OnADay_MeasuresAgainstTheTargetThatMattersThen(string day, string target, string due)
    {
        // Arrange
        Assert.True(IsoDay.TryParse(day, out var shown));
        var snapshot = await Live.GetAsync(shown, Ct);
        var milestone = snapshot.Campaign.Milestones.Single(m => IsoDay.Text(m.Due) == due);
        var scale = milestone.Kind == MilestoneKind.PilotsPerLocality ? 1 : 100;

        // Act
        var view = Builder.Build(snapshot, snapshot.Province, MapMetric.TargetDistance, english: false);

        // Assert
        Assert.Equal($"距目标（{target}，{due}到期）的差距，截至 {day}", view.Title);
        foreach (var locality in snapshot.Province.Children)
        {
            Assert.Equal((milestone.Measure(locality.Figures) - milestone.Minimum) * scale, view.Data[locality.Region.Code].Value!.Value, 6);
            Assert.Equal(milestone.IsMet(locality.Figures), view.Data[locality.Region.Code].Bin >= 3);
        }
    }

    [Fact]
    public async Task Build_RatesToday_BandsSeparateTheLocalities()
    {
        // Arrange
        var snapshot = await Live.GetAsync(null, Ct);

        // Act
        var started = Builder.Build(snapshot, snapshot.Province, MapMetric.StartedRate, english: false);
        var accepted = Builder.Build(snapshot, snapshot.Province, MapMetric.AcceptedRate, english: false);

        // Assert: no longer one colour for 55%–88%; the targets (30%, 60%) stay band edges.
        Assert.Equal(["< 30%", "30–50%", "50–60%", "60–70%", "70–80%", "≥ 80%"], started.Legend.Select(l => l.Label));
        Assert.True(started.Data.Values.Select(d => d.Bin).Distinct().Count() >= 3);
        Assert.True(accepted.Data.Values.Select(d => d.Bin).Distinct().Count() >= 3);
    }

    [Fact]
    public void Render_Overview_MapOpensOnTheDistanceToTheTarget()
    {
        // Act
        var cut = Render<Overview>();
        cut.WaitForElement("[data-testid='map-legend']");

        // Assert
        Assert.StartsWith("距目标（达标率60%，2022-12-31到期）的差距", cut.Find("[data-testid='map-legend'] .legend-title").TextContent, StringComparison.Ordinal);
        Assert.Contains("落后10个百分点以上", cut.Find("[data-testid='map-legend']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ranking_Today_EachBarGrowsFromTheTargetTheWayItsLabelSays()
    {
        // Arrange
        var snapshot = await Live.GetAsync(null, Ct);

        // Act
        var cut = Render<MilestoneRanking>(p => p.Add(r => r.Parent, snapshot.Province).Add(r => r.Campaign, snapshot.Campaign).Add(r => r.AsOf, snapshot.Day));

        // Assert
        var items = cut.FindAll(".ranking li");
        Assert.Equal(17, items.Count);
        var distances = items.Select(li => double.Parse(li.GetAttribute("data-distance")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(distances.Order(), distances);   // furthest behind first
        foreach (var li in items)
        {
            var gap = int.Parse(li.GetAttribute("data-gap")!, CultureInfo.InvariantCulture);
            var style = Style(li.QuerySelector(".ranking-bar")!.GetAttribute("style")!);
            var (left, width) = (Number(style["left"]), Number(style["width"]));
            var label = li.QuerySelector(".ranking-gap")!.TextContent;
            if (gap > 0)
            {
                Assert.Equal(50, left + width, 1);   // leftwards from the target's line
                Assert.StartsWith("落后", label, StringComparison.Ordinal);
                Assert.EndsWith($"差{gap}个", label, StringComparison.Ordinal);
                Assert.Contains(style["background"], TargetScale.Colors.Take(3));
            }
            else
            {
                Assert.Equal(50, left, 1);   // rightwards
                Assert.DoesNotContain("落后", label, StringComparison.Ordinal);
                Assert.Contains(style["background"], TargetScale.Colors.Skip(3));
            }
        }
    }

    private LiveProgress Live => Factory.Services.GetRequiredService<LiveProgress>();

    private MapViewBuilder Builder => Services.GetRequiredService<MapViewBuilder>();

    private static Dictionary<string, string> Style(string style) => style.Split(';', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim());

    private static double Number(string percent) => double.Parse(percent.TrimEnd('%'), CultureInfo.InvariantCulture);

    private static (int R, int G, int B) Rgb(string hex) =>
        (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));

    private static int Lightness(string hex) => Rgb(hex) is var (r, g, b) ? r + g + b : 0;
}
