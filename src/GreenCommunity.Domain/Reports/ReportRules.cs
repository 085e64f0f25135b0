using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Domain.Reports;

/// <summary>The rules a report must keep that need no stored data: scope, period, dates, criteria values.</summary>
public static class ReportRules
{
    public const int MaxUpdates = 10_000;

    public static void CheckShape(ReportSubmission report, SubmitterScope scope, Campaign campaign, DateTimeOffset receivedAt, ValidationErrors errors)
    {
        var receiptDay = ChinaTime.DateAt(receivedAt);
        if (!RegionCodes.IsRegionCode(report.Locality))
        {
            errors.Add("locality", "Must be a six-digit prefecture-level code.");
        }
        else if (!scope.Covers(report.Locality))
        {
            errors.Add("locality", "Outside the submitter's scope.");
        }
        CheckPeriod(report, campaign, receiptDay, errors);
        if (string.IsNullOrWhiteSpace(report.SubmittedBy))
        {
            errors.Add("submittedBy", "Required.");
        }
        if (report.Updates.Count > MaxUpdates)
        {
            errors.Add("updates", $"At most {MaxUpdates} updates per report.");
        }
        for (var i = 0; i < report.Updates.Count; i++)
        {
            CheckUpdate(report.Updates[i], $"updates[{i}]", scope, campaign, receiptDay, errors);
        }
    }

    private static void CheckPeriod(ReportSubmission report, Campaign campaign, DateOnly receiptDay, ValidationErrors errors)
    {
        var firstAllowed = report.Period.IsMonth ? new DateOnly(campaign.Start.Year, campaign.Start.Month, 1) : new DateOnly(campaign.Start.Year, 1, 1);
        if (report.Period.IsMonth != (report.Kind == ReportKind.Monthly))
        {
            errors.Add("period", report.Kind == ReportKind.Monthly ? "A monthly report's period is YYYY-MM." : "An annual report's or a plan's period is YYYY.");
        }
        else if (report.Period.FirstDay < firstAllowed)
        {
            errors.Add("period", $"Before the campaign's start ({IsoDay.Text(campaign.Start)}).");
        }
        else if (report.Period.FirstDay > receiptDay)
        {
            errors.Add("period", "A future period cannot be reported.");
        }
    }

    private static void CheckUpdate(CommunityUpdate update, string path, SubmitterScope scope, Campaign campaign, DateOnly receiptDay, ValidationErrors errors)
    {
        if (!RegionCodes.IsCommunityCode(update.Community))
        {
            errors.Add($"{path}.community", "Must be a twelve-digit community code.");
        }
        if (update.Effective > receiptDay)
        {
            errors.Add($"{path}.effective", "After the day the report was received.");
        }
        else if (update.Effective < campaign.Start)
        {
            errors.Add($"{path}.effective", $"Before the campaign's start ({IsoDay.Text(campaign.Start)}).");
        }
        if (update.Stage == Stage.Accepted && !scope.IsProvince)
        {
            errors.Add($"{path}.stage", "Only the province accepts communities (验收).");
        }
        foreach (var (number, value) in update.Criteria)
        {
            if (number is < 1 or > GreenCommunityStandard.CriterionCount)
            {
                errors.Add($"{path}.criteria.{number}", "The standard has criteria 1 to 16.");
            }
            else if (!GreenCommunityStandard.Get(number).IsValidValue(value))
            {
                errors.Add($"{path}.criteria.{number}", GreenCommunityStandard.Get(number).IsShare ? "A fraction from 0 to 1." : "true or false.");
            }
        }
    }
}
