using System.Globalization;
using GreenCommunity.Dashboard.Exports;
using GreenCommunity.Data.Communities;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Dashboard.Communities;

/// <summary>
/// A filtered community list as the .xlsx a locality sends the province: the title row names the region, the day and the
/// filters in Chinese (湖北省 社区名单 · 2026-11-30 · 筛选：…), the headers are Chinese, and names stay text.
/// </summary>
public static class CommunityListWorkbook
{
    public static IReadOnlyList<string> Headers { get; } =
        ["社区代码", "社区名称", "区县", "街道（乡镇）", "阶段", "阶段起始日", "曾为试点", "达标项数（共16项）", "最近报告", "最近报告报送时间", "最近报告编号"];

    public static byte[] Create(string regionName, DateOnly day, string filters, IReadOnlyList<CommunityListRow> rows)
    {
        var title = $"{regionName} 社区名单 · {IsoDay.Text(day)} · 筛选：{filters}";
        return TableWorkbook.Create("社区名单", title, Headers, rows.Select(Cells));
    }

    /// <summary>The filters in words for the title; <paramref name="countyName"/> names the county-level unit when one is chosen.</summary>
    public static string DescribeFilters(CommunityListFilter filter, string? countyName)
    {
        var parts = new List<string>();
        if (filter.County is { } county)
        {
            parts.Add($"区县 {countyName ?? county}");
        }
        if (filter.Town is { } town)
        {
            parts.Add($"街道（乡镇）代码 {town}");
        }
        if (filter.Stages.Count > 0)
        {
            parts.Add("阶段 " + string.Join("、", filter.Stages.Select(s => s.ChineseLabel())));
        }
        if (filter.EverPilot)
        {
            parts.Add("曾为试点");
        }
        if (filter.NeverPilot)
        {
            parts.Add("从未为试点");
        }
        if (filter.Demonstration is { } demonstration)
        {
            parts.Add(demonstration ? "示范教育基地" : "非示范教育基地");
        }
        if (filter.AnyUnmet)
        {
            parts.Add("有未达标项");
        }
        if (filter.Unmet.Count > 0)
        {
            parts.Add("未达第 " + string.Join("、", filter.Unmet) + " 项中任一项");
        }
        if (filter.C12Below is { } below)
        {
            parts.Add($"第{GreenCommunityStandard.PropertyManagementCriterion}项物业管理覆盖面低于 {(below * 100).ToString("0.##", CultureInfo.InvariantCulture)}%");
        }
        if (filter.QuietMonths is { } months)
        {
            parts.Add($"{months} 个月以上无变化");
        }
        if (filter.Query is { } query)
        {
            parts.Add($"名称或代码含“{query}”");
        }
        return parts.Count == 0 ? "无" : string.Join("；", parts);
    }

    private static IReadOnlyList<object?> Cells(CommunityListRow row) =>
    [
        row.Code, row.Name, row.CountyName, row.TownName, row.Stage.ChineseLabel(), row.Since, row.Pilot, row.CriteriaMet,
        // The period, as the screen shows it; the id (for /reports/{id}) in a column of its own.
        row.LastReport?.Period, row.LastReport?.ReceivedAt.ToOffset(ChinaTime.Offset), row.LastReport?.ReportId,
    ];
}
