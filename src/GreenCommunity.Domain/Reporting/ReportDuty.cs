using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Domain.Reporting;

/// <summary>One report a locality owes: the implementation plan once, each month's progress, each year's annual report.</summary>
public readonly record struct ReportDuty(ReportKind Kind, ReportPeriod Period)
{
    public static ReportDuty Monthly(int year, int month) => new(ReportKind.Monthly, ReportPeriod.OfMonth(year, month));

    public static ReportDuty Annual(int year) => new(ReportKind.Annual, ReportPeriod.OfYear(year));

    public static ReportDuty Plan(int year) => new(ReportKind.Plan, ReportPeriod.OfYear(year));

    /// <summary>The calendar day (China Standard Time) by whose end the report is due.</summary>
    public DateOnly DueDay(Campaign campaign) => ChinaTime.DateAt(campaign.DeadlineFor(Kind, Period));
}
