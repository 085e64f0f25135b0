using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GreenCommunity.Dashboard.Components.Controls.Charts;
using GreenCommunity.Dashboard.Theme;
using GreenCommunity.Data.Standard;

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
        var started = document.QuerySelector(".rate-chart.wide polyline[data-series='started']")!.GetAttribute("points")!.Split(' ');
        Assert.Equal(19, started.Length);
        Assert.Equal(264, ParseY(started[0]), precision: 1);       // 0% at the bottom of the plot
        Assert.Equal(12, ParseY(started[^1]), precision: 1);       // 100% at the top
        var target = document.QuerySelector(".rate-chart.wide polyline[data-series='target']")!;
        Assert.Equal("6 4", target.GetAttribute("stroke-dasharray"));
        Assert.All(target.GetAttribute("points")!.Split(' '), p => Assert.Equal(264 - 0.3 * 252, ParseY(p), precision: 1));
        Assert.Equal(["全省启动率", "目标30%（2022-06-30）<x>"], document.QuerySelectorAll(".chart-legend li").Select(li => li.TextContent));
        Assert.Contains("100%", document.QuerySelectorAll("text").Select(t => t.TextContent));
        // At most about six month labels, the last month among them, none two positions apart or closer.
        var labels = document.QuerySelectorAll(".rate-chart.wide text.x-label").Select(t => t.TextContent).ToList();
        Assert.InRange(labels.Count, 2, 7);
        Assert.Equal("2022-12", labels[^1]);
        Assert.Equal("end", document.QuerySelectorAll(".rate-chart.wide text").Last(t => t.TextContent == "2022-12").GetAttribute("text-anchor"));   // inside the chart, not cut off
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
        Assert.All(document.QuerySelectorAll(".rate-chart"), svg =>
        {
            var last = svg.QuerySelectorAll("text").Single(t => t.TextContent == days[^1].ToString("yyyy-MM", CultureInfo.InvariantCulture));
            Assert.Equal("end", last.GetAttribute("text-anchor"));
        });
    }

    [Fact]
    public void StackedStages_Rows_SegmentsAddUpAndBarsScaleToTheLargestRegion()
    {
        // Act
        var markup = ChartMarkup.StackedStages(
            [new("420100", "武汉市", [100, 2, 300, 600]), new("420200", "黄石市", [50, 0, 25, 25])],   // 100 of 1,002: 9.98%
            StageKey.All(stage => stage.ToString()), "stages");
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

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(19)]
    [InlineData(62)]   // the overview on 2026-07-31: "2026-01" and "2026-07" used to run into each other
    [InlineData(66)]   // today, 2026-11-30
    [InlineData(120)]
    public void Rates_MonthLabels_BoxesNeverTouchAndStayInsideTheDrawing(int months)
    {
        // Arrange
        var days = Enumerable.Range(0, months).Select(i => new DateOnly(2021, 6, 30).AddMonths(i)).ToList();

        // Act
        var document = s_parser.ParseDocument(ChartMarkup.Rates(days, [new("a", "#000", days.Select(_ => 0.5).ToList())], "rates").Value);

        // Assert: in both drawings, each label's box (at 0.6 em a character, the widest a digit or hyphen is in the theme's fonts)
        // keeps at least a character's gap from the next and lies within the drawing.
        var drawings = document.QuerySelectorAll(".rate-chart");
        Assert.Equal(["rate-chart wide", "rate-chart narrow"], drawings.Select(d => d.GetAttribute("class")));
        foreach (var svg in drawings)
        {
            var width = double.Parse(svg.GetAttribute("viewBox")!.Split(' ')[2], CultureInfo.InvariantCulture);
            var em = double.Parse(svg.GetAttribute("font-size")!, CultureInfo.InvariantCulture);
            var boxes = svg.QuerySelectorAll("text.x-label").Select(t => LabelBox(t, em)).ToList();
            Assert.NotEmpty(boxes);
            Assert.All(boxes, box => Assert.InRange(box.Left, 0, box.Right));
            Assert.All(boxes, box => Assert.InRange(box.Right, box.Left, width));
            Assert.All(boxes.Zip(boxes.Skip(1)), pair => Assert.True(pair.First.Right + (0.6 * em) <= pair.Second.Left + 0.01,
                $"{months} months, {svg.GetAttribute("class")}: {pair.First} touches {pair.Second}"));
        }
    }

    [Fact]
    public void Rates_ValueAxis_LabelsArePercentsFromZeroToOneHundred()
    {
        // Arrange
        var days = Enumerable.Range(0, 19).Select(i => new DateOnly(2021, 6, 30).AddMonths(i)).ToList();

        // Act
        var document = s_parser.ParseDocument(ChartMarkup.Rates(days, [new("a", "#000", days.Select(_ => 0.5).ToList())], "rates").Value);

        // Assert
        Assert.All(document.QuerySelectorAll(".rate-chart"), svg =>
            Assert.Equal(["0%", "20%", "40%", "60%", "80%", "100%"], svg.QuerySelectorAll("text.y-label").Select(t => t.TextContent)));
    }

    [Fact]
    public void StackedStages_Segments_TakeEachStagesOneColourWithAcceptedGreen()
    {
        // Act
        var document = s_parser.ParseDocument(ChartMarkup.StackedStages([new("420100", "武汉市", [1, 2, 3, 4])], StageKey.All(stage => stage.ToString()), "stages").Value);

        // Assert: a segment and its legend swatch in the same colour, four different colours, accepted in the action's green.
        var segments = document.QuerySelectorAll(".stage-segment").ToDictionary(Stage, Background);
        var swatches = document.QuerySelectorAll(".stage-swatch").ToDictionary(Stage, Background);
        Assert.Equal(segments, swatches);
        Assert.Equal(4, segments.Values.Distinct().Count());
        Assert.Equal(DashboardColors.Green, segments["accepted"]);
    }

    [Theory]
    [InlineData(0.84, 1.0)]
    [InlineData(0.995, 1.0)]   // shows 99%, not 100%: one community short
    [InlineData(0.84, 0.92)]
    [InlineData(0.88, 0.93)]
    public void HeatMapRow_SharesApart_CellsInDifferentColoursWithTheirPercent(double lower, double higher)
    {
        // Arrange
        var shares = new Dictionary<(string Region, int Criterion), CriterionShare>
        {
            [("420100", 1)] = new("420100", 1, 1000, (int)Math.Round(lower * 1000)),
            [("420100", 2)] = new("420100", 2, 1000, (int)Math.Round(higher * 1000)),
        };

        // Act
        var row = s_parser.ParseDocument($"<table><tbody>{ChartMarkup.HeatMapRow("420100", "武汉市", shares, [new(1, "a", "A"), new(2, "b", "B")], "标准").Value}</tbody></table>");

        // Assert
        var cells = row.QuerySelectorAll("td.heat-cell");
        Assert.NotEqual(Background(cells[0]), Background(cells[1]));
        Assert.Equal($"{Math.Floor(lower * 100 + 1e-9)}%", cells[0].TextContent.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal($"{Math.Floor(higher * 100 + 1e-9)}%", cells[1].TextContent.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void HeatLegend_Bands_OnePerColourOfTheScaleWithTheirRanges()
    {
        // Act
        var document = s_parser.ParseDocument(ChartMarkup.HeatLegend("达标比例").Value);

        // Assert: every colour a cell can take is in the legend, 100% a band of its own.
        var entries = document.QuerySelectorAll(".heat-legend li").Where(li => li.QuerySelector(".heat-swatch") is not null).Select(li => (li.TextContent, Background(li.QuerySelector(".heat-swatch")!))).ToList();
        Assert.Equal(HeatScale.Bands.Select(b => b.Color).Append(DashboardColors.NoData), entries.Select(e => e.Item2));
        Assert.Equal(("100%", HeatScale.For(1.0).Color), entries[^2]);
        Assert.Equal("80–85%", entries.Single(e => e.Item2 == HeatScale.For(0.84).Color).TextContent);
    }

    [Fact]
    public void HeatMapHead_Columns_ShortNameShownAndTheFullTextOnHover()
    {
        // Act
        var head = s_parser.ParseDocument($"<table>{ChartMarkup.HeatMapHead([new(12, "物业覆盖", "物业管理覆盖面不低于30%。")], "地区").Value}</table>");

        // Assert
        var column = head.QuerySelector("th[data-criterion='12']")!;
        Assert.Equal("12", column.QuerySelector(".heat-number")!.TextContent);
        Assert.Equal("物业覆盖", column.QuerySelector(".heat-short")!.TextContent);
        Assert.Equal("12. 物业管理覆盖面不低于30%。", column.GetAttribute("title"));
    }

    private static (double Left, double Right) LabelBox(IElement text, double em)
    {
        var x = double.Parse(text.GetAttribute("x")!, CultureInfo.InvariantCulture);
        var width = text.TextContent.Length * 0.6 * em;
        return text.GetAttribute("text-anchor") switch
        {
            "start" => (x, x + width),
            "middle" => (x - (width / 2), x + (width / 2)),
            _ => (x - width, x),
        };
    }

    private static string Stage(IElement element) => element.ClassList.First(c => c is "not-started" or "pilot" or "in-progress" or "accepted");

    private static string Background(IElement element) =>
        element.GetAttribute("style")!.Split(';').Select(d => d.Split(':')).Single(d => d[0].Trim() == "background")[1].Trim();

    private static double ParseY(string point) => double.Parse(point.Split(',')[1], CultureInfo.InvariantCulture);
}
