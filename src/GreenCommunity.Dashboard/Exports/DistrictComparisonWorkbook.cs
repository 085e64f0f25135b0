using System.Globalization;
using GreenCommunity.Dashboard.Model;

namespace GreenCommunity.Dashboard.Exports;

/// <summary>
/// The districts' comparison as the province asks for it: a title row naming the locality and the day, Chinese headers,
/// the districts in code order, then the locality's row and the province's. Counts and rates stay numbers.
/// </summary>
public static class DistrictComparisonWorkbook
{
    private static readonly CultureInfo s_chinese = new("zh-Hans");

    public static string Title(DistrictComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return Text(nameof(Resources.Districts.ExportTitle), comparison.Locality.Region.Name, IsoDay(comparison.Day));
    }

    public static string FileName(DistrictComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return $"各区县创建进度对比-{comparison.Locality.Region.Name}-{IsoDay(comparison.Day)}.xlsx";
    }

    public static IReadOnlyList<string> Headers(DistrictComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return
        [
            Text(nameof(Resources.Districts.ExportRowKind)), Text(nameof(Resources.Districts.ExportCode)), Text(nameof(Resources.Districts.ColumnDistrict)),
            Text(nameof(Resources.Districts.ColumnRank)), Text(nameof(Resources.Districts.ColumnCommunities)), Text(nameof(Resources.Districts.ColumnPilots)),
            Text(nameof(Resources.Districts.ColumnStarted)), $"{Text(nameof(Resources.Districts.ColumnStartedRate))}（%）",
            Text(nameof(Resources.Districts.ColumnAccepted)), $"{Text(nameof(Resources.Districts.ColumnAcceptedRate))}（%）",
            Text(nameof(Resources.Districts.ColumnStartedChange1)), Text(nameof(Resources.Districts.ColumnAcceptedChange1)),
            Text(nameof(Resources.Districts.ColumnStartedChange3)), Text(nameof(Resources.Districts.ColumnAcceptedChange3)),
            Text(nameof(Resources.Districts.ColumnPilotsNeeded), comparison.Pilots is { } p ? ((int)p.Minimum).ToString(CultureInfo.InvariantCulture) : "—"),
            Text(nameof(Resources.Districts.ColumnStartedNeeded), Share(comparison.Started?.Minimum)),
            Text(nameof(Resources.Districts.ColumnAcceptedNeeded), Share(comparison.Accepted?.Minimum)),
            ForecastHeader(comparison, nameof(Resources.Districts.ExportProjected)), ForecastHeader(comparison, nameof(Resources.Districts.ExportRequired)),
            Text(nameof(Resources.Districts.ColumnAtRisk)),
            Text(nameof(Resources.Districts.ColumnAllStarted)), Text(nameof(Resources.Districts.ColumnAllAccepted)),
        ];
    }

    /// <summary>The rows: each district by code, then the locality and the province.</summary>
    public static IEnumerable<IReadOnlyList<object?>> Rows(DistrictComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        foreach (var district in comparison.Districts.OrderBy(d => d.Region.Code, StringComparer.Ordinal))
        {
            yield return Row(Text(nameof(Resources.Districts.ExportRowDistrict)), district);
        }
        yield return Row(Text(nameof(Resources.Districts.ExportRowLocality)), comparison.Locality);
        yield return Row(Text(nameof(Resources.Districts.ExportRowProvince)), comparison.Province);
    }

    public static byte[] Create(DistrictComparison comparison) =>
        TableWorkbook.Create(Text(nameof(Resources.Districts.ExportSheet)), Title(comparison), Headers(comparison), Rows(comparison));

    private static object?[] Row(string kind, ComparisonRow row) =>
    [
        kind, row.Region.Code, row.Region.Name, row.Rank is { } rank ? $"{rank}/{row.Peers}" : null,
        row.Figures.Communities, row.Figures.PilotsEver, row.Figures.Started, Percent(row.Figures.StartedRate),
        row.Figures.Accepted, Percent(row.Figures.AcceptedRate),
        row.StartedChange1, row.AcceptedChange1, row.StartedChange3, row.AcceptedChange3,
        row.PilotsNeeded, row.StartedNeeded, row.AcceptedNeeded,
        row.Forecast.Projected is { } projected ? Math.Round(projected, 1) : null, row.Forecast.Required,
        row.Forecast.AtRisk,
        When(row.Forecast.AllStarted), When(row.Forecast.AllAccepted),
    ];

    /// <summary>The forecast's due day in its headers ("2022-06-30预计数"), or the bare header after the last milestone.</summary>
    private static string ForecastHeader(DistrictComparison comparison, string key)
    {
        var target = (comparison.Districts.Count > 0 ? comparison.Districts[0] : comparison.Locality).Forecast.Target;
        return target is null ? Text(key) : $"{IsoDay(target.Due)}{Text(key)}";
    }

    private static object? When(Completion? completion) => completion switch
    {
        null => null,
        { IsDone: true } => Text(nameof(Resources.Districts.ForecastDone)),
        { Day: { } day } => day,
        _ => Text(nameof(Resources.Districts.ForecastNever)),
    };

    private static double Percent(double rate) => Math.Round(rate * 100, 1);

    private static string Share(double? share) => share is { } s ? s.ToString("P0", s_chinese) : "—";

    private static string IsoDay(DateOnly day) => Domain.Campaigns.IsoDay.Text(day);

    private static string Text(string key, params object[] values)
    {
        var format = Resources.Districts.ResourceManager.GetString(key, s_chinese) ?? key;
        return values.Length == 0 ? format : string.Format(s_chinese, format, values);
    }
}
