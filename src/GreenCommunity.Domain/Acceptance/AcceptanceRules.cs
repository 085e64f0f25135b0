using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Domain.Acceptance;

/// <summary>
/// Who may apply and decide, and what a sound application and decision are (pure: the store's facts are passed in).
/// A locality applies for its own communities, started and not yet accepted; only the province decides, and accepts
/// a community only when all 16 criteria were found met; a returned community needs its reason.
/// </summary>
public static class AcceptanceRules
{
    public const int MaxCommunities = 200;
    public const int MaxNote = 2000;
    public const int MaxReason = 1000;
    public const int MaxRemark = 500;

    /// <summary>A locality applies, for itself only; the province decides and does not apply to itself.</summary>
    public static ReportProblem? ApplyScopeProblem(SubmitterScope scope, string locality)
    {
        if (scope.IsProvince)
        {
            return new ReportProblem("locality", ReportProblemCodes.AppliedByLocality, []);
        }
        return scope.Covers(locality) ? null : new ReportProblem("locality", ReportProblemCodes.OutsideScope, [scope.LocalityCode!, locality]);
    }

    /// <summary>Only the province decides.</summary>
    public static ReportProblem? DecideScopeProblem(SubmitterScope? scope) =>
        scope is { IsProvince: true } ? null : new ReportProblem("decisions", ReportProblemCodes.DecidedByProvince, []);

    /// <summary>Whether a community in <paramref name="stage"/> may be applied for: started, not yet accepted.</summary>
    public static bool MayApply(Stage stage) => stage is Stage.Pilot or Stage.InProgress;

    /// <summary>A decision's own soundness: accepted only with every criterion met, returned only with a reason.</summary>
    public static void Check(AcceptanceDecision decision, string path, ValidationErrors errors)
    {
        if (decision.Criteria.Count != GreenCommunityStandard.Criteria.Count)
        {
            return;   // the missing criteria are already named at their paths
        }
        if (decision.Accepted && decision.Unmet.Count > 0)
        {
            errors.Add($"{path}.accepted", ReportProblemCodes.AcceptedWithUnmet, decision.Unmet);
        }
        if (!decision.Accepted && string.IsNullOrWhiteSpace(decision.Reason))
        {
            errors.Add($"{path}.reason", ReportProblemCodes.ReasonRequired);
        }
    }
}
