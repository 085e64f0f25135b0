using System.Globalization;
using AngleSharp.Html.Parser;
using GreenCommunity.Dashboard.Components.Controls.Charts;

namespace GreenCommunity.Dashboard.Tests.Maps;

public sealed class ChartMarkupTests
{
    private static readonly HtmlParser s_parser = new();

    [Fact]
    public void Rates_Lines_OnePolylinePerLineAtItsValuesAndALegendNamingEach()
    {
        // Arrange
        var days = Enumerable.Range(0, 19).Select(i => new DateOnly(2021, 6, 30).AddMonths(i)).ToList();
        var lines = new List<RateLine>
        {
            new("全省启动率", "#ef6c00", days.Select((_, i) => i / 18.0).ToList(), Key: "started"),
            new("目标30%（2022-06-30）<x>", "#9e9e9e", days.Select(_ => 0.3).ToList(), Dashed: true, Key: "target"),
        };

        // Act
        var document = s_parser.ParseDocument(ChartMarkup.Rates(days, lines, "rates").Value);

        // Assert
        var started = document.QuerySelector("polyline[data-series='started']")!.GetAttribute("points")!.Split(' ');
        Assert.Equal(19, started.Length);
        Assert.Equal(264, ParseY(started[0]), precision: 1);       // 0% at the bottom of the plot
        Assert.Equal(12, ParseY(started[^1]), precision: 1);       // 100% at the top
        var target = document.QuerySelector("polyline[data-series='target']")!;
        Assert.Equal("6 4", target.GetAttribute("stroke-dasharray"));
        Assert.All(target.GetAttribute("points")!.Split(' '), p => Assert.Equal(264 - 0.3 * 252, ParseY(p), precision: 1));
        Assert.Equal(["全省启动率", "目标30%（2022-06-30）<x>"], document.QuerySelectorAll(".chart-legend li").Select(li => li.TextContent));
        Assert.Contains("100%", document.QuerySelectorAll("text").Select(t => t.TextContent));
        // At most about six month labels, the last month among them, none two positions apart or closer.
        var labels = document.QuerySelectorAll("text").Select(t => t.TextContent).Where(t => t.StartsWith("20", StringComparison.Ordinal)).ToList();
        Assert.InRange(labels.Count, 2, 7);
        Assert.Equal("2022-12", labels[^1]);
        Assert.Equal("end", document.QuerySelectorAll("text").Last(t => t.TextContent == "2022-12").GetAttribute("text-anchor"));   // inside the chart, not cut off
    }

    [Theory]
    [InlineData(13)]   // the last month falls on the label step
    [InlineData(19)]   // it does not
    public void Rates_LastMonth_IsLabelledInsideTheChart(int months)
    {
        // Arrange
        var days = Enumerable.Range(0, months).Select(i => new DateOnly(2021, 6, 30).AddMonths(i)).ToList();

        // Act
        var document = s_parser.ParseDocument(ChartMarkup.Rates(days, [new("a", "#000", days.Select(_ => 0.5).ToList())], "rates").Value);

        // Assert
        var last = document.QuerySelectorAll("text").Single(t => t.TextContent == days[^1].ToString("yyyy-MM", CultureInfo.InvariantCulture));
        Assert.Equal("end", last.GetAttribute("text-anchor"));
    }

    [Fact]
    public void StackedStages_Rows_SegmentsAddUpAndBarsScaleToTheLargestRegion()
    {
        // Act
        var markup = ChartMarkup.StackedStages(
            [new("420100", "武汉市", [100, 2, 300, 600]), new("420200", "黄石市", [50, 0, 25, 25])],   // 100 of 1,002: 9.98%
            [("未启动", "not-started"), ("试点", "pilot"), ("创建中", "in-progress"), ("已验收", "accepted")], "stages");
        var document = s_parser.ParseDocument(markup.Value);

        // Assert
        var rows = document.QuerySelectorAll(".stages-row");
        Assert.Equal(["420100", "420200"], rows.Select(r => r.GetAttribute("data-code")));
        Assert.Equal("width:100%", rows[0].QuerySelector(".stage-bar")!.GetAttribute("style"));
        Assert.Equal("width:9.98%", rows[1].QuerySelector(".stage-bar")!.GetAttribute("style"));
        Assert.Equal(3, rows[1].QuerySelectorAll(".stage-segment").Length);   // no segment for a stage with none
        Assert.Equal(1002, rows[0].QuerySelectorAll(".stage-segment").Sum(s => int.Parse(s.GetAttribute("data-count")!, CultureInfo.InvariantCulture)));
        Assert.Equal("1,002", rows[0].QuerySelector(".stages-total")!.TextContent);
    }

    private static double ParseY(string point) => double.Parse(point.Split(',')[1], CultureInfo.InvariantCulture);
}
