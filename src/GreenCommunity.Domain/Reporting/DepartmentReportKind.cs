using System.Text.Json.Serialization;

namespace GreenCommunity.Domain.Reporting;

/// <summary>
/// What a provincial department sends each year by 30 November: its annual report (年度工作报告) on that year, and its
/// plan (下一年度工作计划) for the year after. In JSON and in the store by its API name (annual, plan).
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<DepartmentReportKind>))]
public enum DepartmentReportKind
{
    Annual,
    Plan,
}
