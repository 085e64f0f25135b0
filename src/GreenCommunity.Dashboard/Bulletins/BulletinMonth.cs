using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Bulletins;

/// <summary>The month a bulletin is for: from the campaign's first month to the current one; its figures are those of its last day, or today's.</summary>
public static class BulletinMonth
{
    /// <summary>The month, or null with its problem at <paramref name="path"/>.</summary>
    public static ReportPeriod? Check(string text, string path, Campaign campaign, DateOnly today, ValidationErrors errors)
    {
        if (!ReportPeriod.TryParse(text, monthly: true, out var month))
        {
            errors.Add(path, ReportProblemCodes.InvalidMonth);
            return null;
        }
        var first = ReportPeriod.OfMonth(campaign.Start.Year, campaign.Start.Month);
        if (month.LastDay < first.FirstDay)
        {
            errors.Add(path, ReportProblemCodes.MonthBeforeCampaign, first.ToString());
            return null;
        }
        if (month.FirstDay > today)
        {
            errors.Add(path, ReportProblemCodes.MonthInFuture, today);
            return null;
        }
        return month;
    }

    /// <summary>The day the figures are for: the month's last day, or today while the month is still going.</summary>
    public static DateOnly AsOf(ReportPeriod month, DateOnly today) => month.LastDay < today ? month.LastDay : today;
}
