using System.Globalization;
using System.Net;
using System.Text;
using GreenCommunity.Dashboard.Theme;
using GreenCommunity.Data.Standard;
using GreenCommunity.Domain.Communities;
using Microsoft.AspNetCore.Components;

namespace GreenCommunity.Dashboard.Components.Controls.Charts;

/// <summary>One line of a rate chart: values are shares (0..1), one per x position.</summary>
public sealed record RateLine(string Name, string Color, IReadOnlyList<double> Values, bool Dashed = false, string? Key = null);

/// <summary>One row of a stacked bar: a region's counts per stage, in the order of the legend.</summary>
public sealed record StackedRow(string Code, string Name, IReadOnlyList<int> Counts);

/// <summary>A column of the heat map: a criterion's number, its short name and its full text (shown on hover), in the page's language.</summary>
public sealed record HeatColumn(int Number, string ShortName, string Title);

/// <summary>A stage as a chart shows it: its label in the page's language, its class (a hook for tests and styles) and its colour.</summary>
public sealed record StageKey(string Label, string CssClass, string Color)
{
    /// <summary>The four stages in the order of the bars and legends, each in its one colour (<see cref="DashboardColors.Of"/>).</summary>
    public static IReadOnlyList<StageKey> All(Func<Stage, string> label) =>
    [
        new(label(Stage.NotStarted), "not-started", DashboardColors.Of(Stage.NotStarted)),
        new(label(Stage.Pilot), "pilot", DashboardColors.Of(Stage.Pilot)),
        new(label(Stage.InProgress), "in-progress", DashboardColors.Of(Stage.InProgress)),
        new(label(Stage.Accepted), "accepted", DashboardColors.Of(Stage.Accepted)),
    ];
}

/// <summary>Markup kept in a snapshot (a reference type, so that every page holds the same string).</summary>
public sealed record SharedMarkup(MarkupString Markup);

/// <summary>
/// A table's rows as markup kept in a snapshot, one string per row: a page renders each as its own markup block, so
/// that after a report only the rows whose text changed are sent to the browser and parsed again.
/// </summary>
public sealed record SharedRows(IReadOnlyList<MarkupString> Rows, MarkupString Head = default);

/// <summary>
/// Charts drawn once per snapshot as plain SVG/HTML markup and shared by every page that shows them: a page holds one
/// reference to the same string instead of hundreds of chart components, points and hover handlers of its own.
/// </summary>
public static class ChartMarkup
{
    /// <summary>
    /// A rate chart: a 0–100% axis, lines, x labels whose boxes never touch, and a legend naming each line. Drawn wide and
    /// narrow (<see cref="RateChartFrame"/>); the card's style shows the one that fits.
    /// </summary>
    public static MarkupString Rates(IReadOnlyList<DateOnly> days, IReadOnlyList<RateLine> lines, string title)
    {
        var svg = new StringBuilder();
        DrawRates(svg, RateChartFrame.Wide, days, lines, title);
        DrawRates(svg, RateChartFrame.Narrow, days, lines, title);
        svg.Append("<ul class=\"chart-legend\">");
        foreach (var line in lines)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<li><span class=\"legend-line{(line.Dashed ? " dashed" : "")}\" style=\"border-color:{line.Color}\"></span>{E(line.Name)}</li>");
        }
        svg.Append("</ul>");
        return new MarkupString(svg.ToString());
    }

    private static void DrawRates(StringBuilder svg, RateChartFrame frame, IReadOnlyList<DateOnly> days, IReadOnlyList<RateLine> lines, string title)
    {
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"rate-chart {frame.Variant}\" viewBox=\"0 0 {frame.Width} {frame.Height}\" role=\"img\" aria-label=\"{E(title)}\" font-size=\"{frame.FontSize}\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var percent = 0; percent <= 100; percent += 20)
        {
            var y = frame.Y(percent / 100.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{frame.Left}\" x2=\"{frame.Width - RateChartFrame.Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" class=\"chart-grid\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{frame.Left - 6}\" y=\"{F(y + 4)}\" class=\"chart-axis y-label\" text-anchor=\"end\">{percent}%</text>");
        }
        foreach (var (index, anchor) in frame.XLabels(days.Count, Month(DateOnly.MinValue).Length))
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{F(frame.X(index, days.Count))}\" y=\"{frame.Height - 12}\" class=\"chart-axis x-label\" text-anchor=\"{anchor.ToString().ToLowerInvariant()}\">{Month(days[index])}</text>");
        }
        foreach (var line in lines)
        {
            var points = string.Join(' ', line.Values.Select((v, i) => $"{F(frame.X(i, days.Count))},{F(frame.Y(v))}"));
            var last = line.Values.Count == 0 ? "" : line.Values[^1].ToString("P1", CultureInfo.CurrentCulture);
            svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{line.Color}\" stroke-width=\"{(line.Dashed ? 1.5 : 2.5)}\"");
            if (line.Dashed)
            {
                svg.Append(" stroke-dasharray=\"6 4\"");
            }
            svg.Append(CultureInfo.InvariantCulture, $" data-series=\"{E(line.Key ?? line.Name)}\"><title>{E(line.Name)}: {last}</title></polyline>");
        }
        svg.Append("</svg>");
    }

    /// <summary>One horizontal bar per region (as long as its number of communities, against the largest), its stages side by side, names readable at the left, the total at the right.</summary>
    public static MarkupString StackedStages(IReadOnlyList<StackedRow> rows, IReadOnlyList<StageKey> stages, string title)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"stages-chart\" role=\"table\" aria-label=\"{E(title)}\">");
        var largest = Math.Max(1, rows.Select(r => r.Counts.Sum()).DefaultIfEmpty(0).Max());
        foreach (var row in rows)
        {
            var total = row.Counts.Sum();
            html.Append(CultureInfo.InvariantCulture,
                $"<div class=\"stages-row\" role=\"row\" data-code=\"{E(row.Code)}\"><span class=\"stages-name\" role=\"rowheader\">{E(row.Name)}</span><span class=\"stage-track\" role=\"cell\"><span class=\"stage-bar\" style=\"width:{100.0 * total / largest:0.##}%\">");
            for (var i = 0; i < stages.Count; i++)
            {
                if (row.Counts[i] > 0)
                {
                    var width = 100.0 * row.Counts[i] / total;
                    html.Append(CultureInfo.InvariantCulture,
                        $"<span class=\"stage-segment {stages[i].CssClass}\" style=\"width:{width:0.##}%;background:{stages[i].Color}\" title=\"{E(stages[i].Label)} {row.Counts[i].ToString("N0", CultureInfo.CurrentCulture)}\" data-count=\"{row.Counts[i]}\"></span>");
                }
            }
            html.Append(CultureInfo.InvariantCulture, $"</span></span><span class=\"stages-total\" role=\"cell\">{total.ToString("N0", CultureInfo.CurrentCulture)}</span></div>");
        }
        html.Append("</div><ul class=\"chart-legend\">");
        foreach (var stage in stages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><span class=\"stage-swatch {stage.CssClass}\" style=\"background:{stage.Color}\"></span>{E(stage.Label)}</li>");
        }
        html.Append("</ul>");
        return new MarkupString(html.ToString());
    }

    /// <summary>The heat map's header row: the region column and a column per criterion, its number and short name (its full text on hover).</summary>
    public static MarkupString HeatMapHead(IReadOnlyList<HeatColumn> columns, string regionHeading)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<thead><tr><th scope=\"col\">{E(regionHeading)}</th>");
        foreach (var column in columns)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<th scope=\"col\" title=\"{column.Number}. {E(column.Title)}\" data-criterion=\"{column.Number}\"><span class=\"heat-number\">{column.Number}</span><span class=\"heat-short\">{E(column.ShortName)}</span></th>");
        }
        html.Append("</tr></thead>");
        return new MarkupString(html.ToString());
    }

    /// <summary>
    /// One region's row of the heat map: each cell a button with its share. The cells' clicks reach the page through
    /// one <c>heatcellclick</c> handler on the table's container (see <see cref="HeatCellEventArgs"/>).
    /// </summary>
    public static MarkupString HeatMapRow(string code, string name, IReadOnlyDictionary<(string Region, int Criterion), CriterionShare> shares,
        IReadOnlyList<HeatColumn> columns, string criterionWord)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(name)}</th>");
        foreach (var column in columns)
        {
            var cell = shares.GetValueOrDefault((code, column.Number));
            var percent = cell is null || cell.Started == 0 ? "—" : (HeatScale.WholePercent(cell.Share) / 100.0).ToString("P0", CultureInfo.CurrentCulture);
            var share = cell is null ? "" : $" data-share=\"{cell.Share.ToString("0.0000", CultureInfo.InvariantCulture)}\"";
            html.Append(CultureInfo.InvariantCulture,
                $"<td class=\"heat-cell\" style=\"{HeatStyle(cell)}\" data-locality=\"{E(code)}\" data-criterion=\"{column.Number}\"{share}>" +
                $"<button type=\"button\" data-region=\"{E(code)}\" data-criterion=\"{column.Number}\" aria-label=\"{E($"{name} {criterionWord}{column.Number}: {percent}")}\">{percent}</button></td>");
        }
        html.Append("</tr>");
        return new MarkupString(html.ToString());
    }

    /// <summary>The heat map's scale under the table: each band's colour and range (<see cref="HeatScale"/>).</summary>
    public static MarkupString HeatLegend(string title)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<ul class=\"chart-legend heat-legend\" aria-label=\"{E(title)}\"><li class=\"heat-legend-title\">{E(title)}</li>");
        foreach (var band in HeatScale.Bands)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><span class=\"heat-swatch\" style=\"background:{band.Color}\"></span>{E(band.Label)}</li>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<li><span class=\"heat-swatch\" style=\"background:{DashboardColors.NoData}\"></span>—</li></ul>");
        return new MarkupString(html.ToString());
    }

    /// <summary>The share's band (<see cref="HeatScale"/>); light text on the dark bands.</summary>
    private static string HeatStyle(CriterionShare? cell)
    {
        if (cell is null || cell.Started == 0)
        {
            return "background:" + DashboardColors.NoData;
        }
        var band = HeatScale.For(cell.Share);
        return $"background:{band.Color};color:{(band.LightText ? "#fff" : "#263238")}";
    }

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
