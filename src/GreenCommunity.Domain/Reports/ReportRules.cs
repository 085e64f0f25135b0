using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Domain.Reports;

/// <summary>
/// Every rule a report must keep, as pure functions: what the sender may report (scope), the report's shape (period,
/// dates, codes, values), where its communities are, and each update against the community's state before it.
/// The store only loads the state these need and writes what they allow.
/// </summary>
public static class ReportRules
{
    public const int MaxUpdates = 10_000;

    /// <summary>
    /// What lies outside the sender's right: another locality's report, or an acceptance (验收) from a locality.
    /// Refused as forbidden (403), before anything else is looked at.
    /// </summary>
    public static IReadOnlyList<ReportProblem> ScopeProblems(ReportSubmission report, SubmitterScope scope)
    {
        var problems = new List<ReportProblem>();
        if (OutsideScope(report.Locality, scope) is { } outside)
        {
            problems.Add(outside);
        }
        for (var i = 0; i < report.Updates.Count; i++)
        {
            if (AcceptanceOutsideScope(report.Updates[i], $"updates[{i}]", scope) is { } acceptance)
            {
                problems.Add(acceptance);
            }
        }
        return problems;
    }

    private static ReportProblem? OutsideScope(string locality, SubmitterScope scope) =>
        scope.Covers(locality) ? null : new ReportProblem("locality", ReportProblemCodes.OutsideScope, [scope.LocalityCode!, locality]);

    private static ReportProblem? AcceptanceOutsideScope(CommunityUpdate update, string path, SubmitterScope scope) =>
        update.Stage == Stage.Accepted && !scope.IsProvince ? new ReportProblem($"{path}.stage", ReportProblemCodes.AcceptedByProvinceOnly, []) : null;

    /// <summary>The rules that need no stored data: scope, period, dates, codes, criteria values.</summary>
    public static void CheckShape(ReportSubmission report, SubmitterScope scope, Campaign campaign, DateTimeOffset receivedAt, ValidationErrors errors)
    {
        var receiptDay = ChinaTime.DateAt(receivedAt);
        if (!RegionCodes.IsRegionCode(report.Locality))
        {
            errors.Add("locality", ReportProblemCodes.InvalidLocalityCode);
        }
        else if (OutsideScope(report.Locality, scope) is { } outside)
        {
            errors.Add(outside);
        }
        CheckPeriod(report, campaign, receiptDay, errors);
        if (string.IsNullOrWhiteSpace(report.SubmittedBy))
        {
            errors.Add("submittedBy", ReportProblemCodes.Required);
        }
        if (report.Updates.Count > MaxUpdates)
        {
            errors.Add("updates", ReportProblemCodes.TooManyUpdates, MaxUpdates);
        }
        for (var i = 0; i < report.Updates.Count; i++)
        {
            CheckUpdate(report.Updates[i], $"updates[{i}]", scope, campaign, receiptDay, errors);
        }
        foreach (var (repeat, first) in RepeatedCommunities(report.Updates))
        {
            errors.Add($"updates[{repeat}].community", ReportProblemCodes.RepeatedCommunity, report.Updates[repeat].Community, first);
        }
    }

    /// <summary>
    /// Each update whose community an earlier update of the same report already names (its index → the first one's).
    /// One update per community: two would be two events of one report, each judged against the other.
    /// </summary>
    public static IReadOnlyDictionary<int, int> RepeatedCommunities(IReadOnlyList<CommunityUpdate> updates)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeats = new Dictionary<int, int>();
        for (var i = 0; i < updates.Count; i++)
        {
            if (!first.TryAdd(updates[i].Community, i))
            {
                repeats[i] = first[updates[i].Community];
            }
        }
        return repeats;
    }

    private static void CheckPeriod(ReportSubmission report, Campaign campaign, DateOnly receiptDay, ValidationErrors errors)
    {
        var firstAllowed = report.Period.IsMonth ? new DateOnly(campaign.Start.Year, campaign.Start.Month, 1) : new DateOnly(campaign.Start.Year, 1, 1);
        if (report.Period.IsMonth != (report.Kind == ReportKind.Monthly))
        {
            errors.Add("period", report.Kind == ReportKind.Monthly ? ReportProblemCodes.PeriodNotAMonth : ReportProblemCodes.PeriodNotAYear);
        }
        else if (report.Period.FirstDay < firstAllowed)
        {
            errors.Add("period", ReportProblemCodes.PeriodBeforeCampaign, campaign.Start);
        }
        else if (report.Period.FirstDay > receiptDay)
        {
            errors.Add("period", ReportProblemCodes.PeriodInFuture);
        }
    }

    private static void CheckUpdate(CommunityUpdate update, string path, SubmitterScope scope, Campaign campaign, DateOnly receiptDay, ValidationErrors errors)
    {
        if (!RegionCodes.IsCommunityCode(update.Community))
        {
            errors.Add($"{path}.community", ReportProblemCodes.InvalidCommunityCode);
        }
        if (update.Effective > receiptDay)
        {
            errors.Add($"{path}.effective", ReportProblemCodes.EffectiveAfterReceipt);
        }
        else if (update.Effective < campaign.Start)
        {
            errors.Add($"{path}.effective", ReportProblemCodes.EffectiveBeforeCampaign, campaign.Start);
        }
        if (AcceptanceOutsideScope(update, path, scope) is { } acceptance)
        {
            errors.Add(acceptance);
        }
        foreach (var (number, value) in update.Criteria)
        {
            if (number is < 1 or > GreenCommunityStandard.CriterionCount)
            {
                errors.Add($"{path}.criteria.{number}", ReportProblemCodes.UnknownCriterion);
            }
            else if (!GreenCommunityStandard.Get(number).IsValidValue(value))
            {
                errors.Add($"{path}.criteria.{number}", GreenCommunityStandard.Get(number).IsShare ? ReportProblemCodes.InvalidShare : ReportProblemCodes.InvalidYesNo);
            }
        }
    }

    /// <summary>
    /// Where the report's places are: the locality must be one of the province's, every community one of its urban
    /// communities. Returns the indexes of updates whose community is unknown or elsewhere (not judged further).
    /// </summary>
    public static IReadOnlySet<int> CheckPlaces(ReportSubmission report, bool localityExists, IReadOnlyDictionary<string, string> communityLocalities, ValidationErrors errors)
    {
        if (!localityExists)
        {
            errors.Add("locality", ReportProblemCodes.UnknownLocality);
        }
        var misplaced = new HashSet<int>();
        for (var i = 0; i < report.Updates.Count; i++)
        {
            var code = report.Updates[i].Community;
            if (!communityLocalities.TryGetValue(code, out var locality))
            {
                errors.Add($"updates[{i}].community", ReportProblemCodes.UnknownCommunity, code);
                misplaced.Add(i);
            }
            else if (locality != report.Locality)
            {
                errors.Add($"updates[{i}].community", ReportProblemCodes.CommunityElsewhere, code, report.Locality);
                misplaced.Add(i);
            }
        }
        return misplaced;
    }

    /// <summary>
    /// One update against the community's state on its effective day: the stage change must be one the action allows,
    /// only the province takes an acceptance back, and acceptance needs all 16 criteria met (after this update's values).
    /// Problems are at the update's fields ("stage").
    /// </summary>
    public static UpdateVerdict Judge(CommunityState before, CommunityUpdate update, SubmitterScope scope)
    {
        var problems = new List<ReportProblem>();
        if (update.Stage is { } stage && !StageTransitions.IsAllowed(before.Stage, stage, before.WasPilot))
        {
            problems.Add(new ReportProblem("stage", ReportProblemCodes.StageNotAllowed, [before.Stage, stage]));
        }
        else if (update.Stage is { } revised && before.Stage == Stage.Accepted && revised != Stage.Accepted && !scope.IsProvince)
        {
            problems.Add(new ReportProblem("stage", ReportProblemCodes.TakeBackByProvinceOnly, []));
        }
        if (update.Stage == Stage.Accepted)
        {
            var after = new Dictionary<int, double>(before.Criteria);
            foreach (var (number, value) in update.Criteria)
            {
                after[number] = value;
            }
            var unmet = GreenCommunityStandard.Criteria.Where(c => !after.TryGetValue(c.Number, out var v) || !c.IsMet(v)).Select(c => c.Number).ToList();
            if (unmet.Count > 0)
            {
                problems.Add(new ReportProblem("stage", ReportProblemCodes.CriteriaUnmet, [unmet]));
            }
        }
        if (problems.Count > 0)
        {
            return UpdateVerdict.Refused(problems);
        }
        var changes = (update.Stage is { } next && next != before.Stage)
            || update.Criteria.Any(c => !before.Criteria.TryGetValue(c.Key, out var old) || Math.Abs(old - c.Value) > 1e-9);
        return UpdateVerdict.Allowed(changes);
    }
}
