using GreenCommunity.Data.Communities;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Components.Controls.Submit;

/// <summary>
/// The stages a row may offer: those the Domain's rules let this sender report for the community as it stands today
/// (<see cref="ReportRules.Judge"/> and <see cref="ReportRules.ScopeProblems"/>, asked rather than copied). With no
/// community picked, each stage some community could be moved to by this sender (never "not started").
/// </summary>
public static class StageChoices
{
    // Criteria are the row's own to assess (acceptance may come with them), so an unmet criterion does not hide a stage.
    private static readonly HashSet<string> s_stageRefusals = new(StringComparer.Ordinal)
    {
        ReportProblemCodes.StageNotAllowed,
        ReportProblemCodes.TakeBackByProvinceOnly,
        ReportProblemCodes.AcceptedByProvinceOnly,
    };

    public static IReadOnlyList<Stage> For(CommunitySearchResult? community, SubmitterScope scope, string locality, DateOnly today)
    {
        // A community's own stage is "no change", offered as such; any stage could be a picked community's.
        IEnumerable<CommunityState> starts = community is null
            ? Enum.GetValues<Stage>().Select(stage => new CommunityState(stage, true, new Dictionary<int, double>()))
            : [new CommunityState(community.Stage, community.WasPilot, new Dictionary<int, double>())];
        return Enum.GetValues<Stage>()
            .Where(stage => starts.Any(before => before.Stage != stage && Allows(before, stage, community?.Code ?? "", scope, locality, today)))
            .ToList();
    }

    private static bool Allows(CommunityState before, Stage stage, string code, SubmitterScope scope, string locality, DateOnly today)
    {
        var update = new CommunityUpdate(code, stage, today, new Dictionary<int, double>());
        var report = new ReportSubmission(locality, ReportKind.Monthly, ReportPeriod.OfMonth(today.Year, today.Month), "", null, [update]);
        var problems = ReportRules.ScopeProblems(report, scope).Where(p => p.Path.EndsWith(".stage", StringComparison.Ordinal))
            .Concat(ReportRules.Judge(before, update, scope).Problems);
        return !problems.Any(p => s_stageRefusals.Contains(p.Code));
    }
}
