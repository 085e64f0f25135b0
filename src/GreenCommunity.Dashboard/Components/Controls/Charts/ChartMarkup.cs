using System.Globalization;
using System.Net;
using System.Text;
using GreenCommunity.Dashboard.Theme;
using GreenCommunity.Data.Standard;
using Microsoft.AspNetCore.Components;

namespace GreenCommunity.Dashboard.Components.Controls.Charts;

/// <summary>One line of a rate chart: values are shares (0..1), one per x position.</summary>
public sealed record RateLine(string Name, string Color, IReadOnlyList<double> Values, bool Dashed = false, string? Key = null);

/// <summary>One row of a stacked bar: a region's counts per stage, in the order of the legend.</summary>
public sealed record StackedRow(string Code, string Name, IReadOnlyList<int> Counts);

/// <summary>A column of the heat map: a criterion's number and its text in the page's language (shown on hover).</summary>
public sealed record HeatColumn(int Number, string Title);

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
    private const double Width = 640, Height = 300, Left = 48, Right = 16, Top = 12, Bottom = 36;

    /// <summary>A rate chart: a 0–100% axis, lines, x labels that never overlap, and a legend naming each line.</summary>
    public static MarkupString Rates(IReadOnlyList<DateOnly> days, IReadOnlyList<RateLine> lines, string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"rate-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{E(title)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int i) => Left + (days.Count <= 1 ? plotWidth : plotWidth * i / (days.Count - 1));
        double Y(double share) => Top + plotHeight * (1 - Math.Clamp(share, 0, 1));
        for (var percent = 0; percent <= 100; percent += 20)
        {
            var y = Y(percent / 100.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" class=\"chart-grid\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(y + 4)}\" class=\"chart-axis\" text-anchor=\"end\">{percent}%</text>");
        }
        // About six labels, evenly spaced; the last day always, and a label too close to it is left out.
        var step = Math.Max(1, (int)Math.Ceiling(days.Count / 6.0));
        for (var i = 0; i < days.Count; i += step)
        {
            if (days.Count - 1 - i >= step / 2.0 || i == days.Count - 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(i))}\" y=\"{Height - 12}\" class=\"chart-axis\" text-anchor=\"{(i == 0 ? "start" : i == days.Count - 1 ? "end" : "middle")}\">{Month(days[i])}</text>");
            }
        }
        if (days.Count > 1 && (days.Count - 1) % step != 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(days.Count - 1))}\" y=\"{Height - 12}\" class=\"chart-axis\" text-anchor=\"end\">{Month(days[^1])}</text>");
        }
        foreach (var line in lines)
        {
            var points = string.Join(' ', line.Values.Select((v, i) => $"{F(X(i))},{F(Y(v))}"));
            var last = line.Values.Count == 0 ? "" : line.Values[^1].ToString("P1", CultureInfo.CurrentCulture);
            svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{line.Color}\" stroke-width=\"{(line.Dashed ? 1.5 : 2.5)}\"");
            if (line.Dashed)
            {
                svg.Append(" stroke-dasharray=\"6 4\"");
            }
            svg.Append(CultureInfo.InvariantCulture, $" data-series=\"{E(line.Key ?? line.Name)}\"><title>{E(line.Name)}: {last}</title></polyline>");
        }
        svg.Append("</svg><ul class=\"chart-legend\">");
        foreach (var line in lines)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<li><span class=\"legend-line{(line.Dashed ? " dashed" : "")}\" style=\"border-color:{line.Color}\"></span>{E(line.Name)}</li>");
        }
        svg.Append("</ul>");
        return new MarkupString(svg.ToString());
    }

    /// <summary>One horizontal bar per region (as long as its number of communities, against the largest), its stages side by side, names readable at the left, the total at the right.</summary>
    public static MarkupString StackedStages(IReadOnlyList<StackedRow> rows, IReadOnlyList<(string Label, string CssClass)> stages, string title)
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
                        $"<span class=\"stage-segment {stages[i].CssClass}\" style=\"width:{width:0.##}%\" title=\"{E(stages[i].Label)} {row.Counts[i].ToString("N0", CultureInfo.CurrentCulture)}\" data-count=\"{row.Counts[i]}\"></span>");
                }
            }
            html.Append(CultureInfo.InvariantCulture, $"</span></span><span class=\"stages-total\" role=\"cell\">{total.ToString("N0", CultureInfo.CurrentCulture)}</span></div>");
        }
        html.Append("</div><ul class=\"chart-legend\">");
        foreach (var (label, css) in stages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><span class=\"stage-swatch {css}\"></span>{E(label)}</li>");
        }
        html.Append("</ul>");
        return new MarkupString(html.ToString());
    }

    /// <summary>The heat map's header row: the region column and a column per criterion (its text on hover).</summary>
    public static MarkupString HeatMapHead(IReadOnlyList<HeatColumn> columns, string regionHeading)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<thead><tr><th scope=\"col\">{E(regionHeading)}</th>");
        foreach (var column in columns)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\" title=\"{E(column.Title)}\">{column.Number}</th>");
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
            var percent = cell is null || cell.Started == 0 ? "—" : cell.Share.ToString("P0", CultureInfo.CurrentCulture);
            var share = cell is null ? "" : $" data-share=\"{cell.Share.ToString("0.0000", CultureInfo.InvariantCulture)}\"";
            html.Append(CultureInfo.InvariantCulture,
                $"<td class=\"heat-cell\" style=\"{HeatStyle(cell)}\" data-locality=\"{E(code)}\" data-criterion=\"{column.Number}\"{share}>" +
                $"<button type=\"button\" data-region=\"{E(code)}\" data-criterion=\"{column.Number}\" aria-label=\"{E($"{name} {criterionWord}{column.Number}: {percent}")}\">{percent}</button></td>");
        }
        html.Append("</tr>");
        return new MarkupString(html.ToString());
    }

    /// <summary>White to green with the share; text turns white on dark cells.</summary>
    private static string HeatStyle(CriterionShare? cell)
    {
        if (cell is null || cell.Started == 0)
        {
            return "background:" + DashboardColors.NoData;
        }
        var share = cell.Share;
        var (r, g, b) = ((int)(241 - 214 * share), (int)(248 - 123 * share), (int)(233 - 183 * share));
        return FormattableString.Invariant($"background:rgb({r},{g},{b});color:{(share > 0.6 ? "#fff" : "#263238")}");
    }

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
