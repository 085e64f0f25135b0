using System.Globalization;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reporting;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Compliance;

/// <summary>How a report duty and its status read: in the page's language, or in Chinese for the province's file.</summary>
public sealed class ComplianceTexts
{
    private static readonly CultureInfo s_chinese = new("zh-Hans");

    private readonly Func<string, string> _text;
    private readonly CultureInfo _culture;

    private ComplianceTexts(Func<string, string> text, CultureInfo culture)
    {
        _text = text;
        _culture = culture;
    }

    /// <summary>The texts of the page's language.</summary>
    public static ComplianceTexts Of(IStringLocalizer<Resources.Reporting> loc) => new(name => loc[name].Value, CultureInfo.CurrentCulture);

    /// <summary>Chinese whatever the reader's language: the file the province receives.</summary>
    public static ComplianceTexts Chinese { get; } = new(name => Resources.Reporting.ResourceManager.GetString(name, s_chinese) ?? name, s_chinese);

    public string this[string name] => _text(name);

    /// <summary>A grid cell: on time ✓, N days late, missing, not yet due.</summary>
    public string Cell(DutyStatus status) => Cell(status.State, status.Days);

    /// <summary>A cell of any duty, a locality's or a department's: by its state and its days late.</summary>
    public string Cell(ComplianceState state, int days) => state switch
    {
        ComplianceState.OnTime => _text(nameof(Resources.Reporting.StatusOnTime)),
        ComplianceState.Late => Days(nameof(Resources.Reporting.StatusLateOne), nameof(Resources.Reporting.StatusLate), days),
        ComplianceState.Missing => _text(nameof(Resources.Reporting.StatusMissing)),
        _ => _text(nameof(Resources.Reporting.StatusDue)),
    };

    /// <summary>A report not received yet: days left ("还剩3天"), due today, or overdue by N days; empty once received.</summary>
    public string CountDown(DutyStatus status) => status.State switch
    {
        ComplianceState.Due when status.Days == 0 => _text(nameof(Resources.Reporting.DueToday)),
        ComplianceState.Due => Days(nameof(Resources.Reporting.DaysLeftOne), nameof(Resources.Reporting.DaysLeft), status.Days),
        ComplianceState.Missing => Days(nameof(Resources.Reporting.OverdueOne), nameof(Resources.Reporting.Overdue), status.Days),
        _ => "",
    };

    /// <summary>The report's name: "2026-11月报" / "Monthly report 2026-11", "2026年度报告", "实施方案".</summary>
    public string Duty(ReportDuty duty) => duty.Kind switch
    {
        ReportKind.Monthly => Format(nameof(Resources.Reporting.DutyMonthly), duty.Period.ToString()),
        ReportKind.Annual => Format(nameof(Resources.Reporting.DutyAnnual), duty.Period.ToString()),
        _ => _text(nameof(Resources.Reporting.DutyPlan)),
    };

    /// <summary>The column header of a duty under its group's header (月报, 年度报告, 实施方案): its month or year.</summary>
    public static string Column(ReportDuty duty) => duty.Period.ToString();

    public string DueOn(DateOnly day) => Format(nameof(Resources.Reporting.DueOn), IsoDay.Text(day));

    public string Format(string name, params object[] values) => string.Format(_culture, _text(name), values);

    private string Days(string one, string many, int days) => days == 1 ? _text(one) : Format(many, days);
}
