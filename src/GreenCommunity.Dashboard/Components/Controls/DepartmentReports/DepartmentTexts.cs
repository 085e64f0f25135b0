using System.Globalization;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Data.Departments;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reporting;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Controls.DepartmentReports;

/// <summary>How a department's duty, its timeliness and its times read in the page's language.</summary>
public sealed class DepartmentTexts(IStringLocalizer<Resources.Departments> loc)
{
    /// <summary>"2026年度工作报告" / "Annual report 2026"; "2027年度工作计划（2026年报送）" / "Plan for 2027 (sent in 2026)".</summary>
    public string Duty(DepartmentDuty duty) => duty.Kind == DepartmentReportKind.Annual
        ? loc[nameof(Resources.Departments.DutyAnnual), duty.Year]
        : loc[nameof(Resources.Departments.DutyPlan), duty.PlannedYear, duty.Year];

    public string Kind(DepartmentReportKind kind) => kind == DepartmentReportKind.Annual
        ? loc[nameof(Resources.Departments.KindAnnual)]
        : loc[nameof(Resources.Departments.KindPlan)];

    public string Timeliness(bool onTime) => onTime ? loc[nameof(Resources.Departments.OnTime)] : loc[nameof(Resources.Departments.Late)];

    public string DueBy(Campaign campaign, DepartmentDuty duty) => loc[nameof(Resources.Departments.DueBy), IsoDay.Text(duty.DueDay(campaign))];

    /// <summary>The deadline alone, beside its label: "2026-11-30 23:59:59（北京时间）".</summary>
    public string Deadline(Campaign campaign, DepartmentDuty duty) => loc[nameof(Resources.Departments.DeadlineValue), IsoDay.Text(duty.DueDay(campaign))];

    public static string DepartmentName(IReadOnlyList<Department> departments, string code) =>
        departments.FirstOrDefault(d => d.Code == code)?.DisplayName(DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture)) ?? code;

    /// <summary>An instant in China Standard Time, to the second: the deadline is a second, 23:59:59.</summary>
    public static string Cst(DateTimeOffset instant) => instant.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
