using System.Security.Claims;
using System.Text.Json;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Actions;
using GreenCommunity.Data.Actions;
using GreenCommunity.Data.Departments;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reporting;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.DepartmentReports;

/// <summary>
/// Takes a department's annual report or plan ("department.submit"): only a department account, and only for its own
/// department (403 otherwise, audited); every problem of the form by path (400, nothing written); then the shared write
/// path, which answers a repeated Idempotency-Key with its first answer and re-checks the sender in the write.
/// </summary>
public sealed class DepartmentReportIntake(ActionIntake intake, Campaign campaign, TimeProvider clock)
{
    private static readonly JsonSerializerOptions s_canonical = new(JsonSerializerDefaults.Web);

    public DateOnly Today => ChinaTime.DateAt(clock.GetUtcNow());

    public Campaign Campaign => campaign;

    /// <summary>A page's claim: its key for one opening of the form, hashed over what the form sends.</summary>
    public static IdempotencyClaim ClaimFor(ClaimsPrincipal user, string key, DepartmentSubmissionDraft draft) =>
        ActionIntake.ClaimFor($"ui:{user.Actor()}", key, DepartmentSubmissionWriter.Action, JsonSerializer.Serialize(draft, s_canonical));

    public async Task<ActionResult> SubmitAsync(ClaimsPrincipal user, string? address, DepartmentSubmissionDraft draft, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        var actor = Actor.From(user, address);
        var refused = ScopeProblem(user, draft);
        if (refused is null)
        {
            var (duty, errors) = DepartmentSubmissionRules.Check(campaign, Today, draft);
            if (duty is { } checkedDuty)
            {
                var command = new DepartmentSubmissionCommand(draft.Department!, checkedDuty, draft.Text!, user.Identity!.Name!, actor.Name);
                return await intake.RunAsync(DepartmentSubmissionWriter.Action, actor, claim, DepartmentSubmissionWriter.Write(command, campaign, clock), cancellationToken);
            }
            refused = ActionResult.Invalid(errors, draft.Department);
        }
        await intake.RecordRefusedAsync(DepartmentSubmissionWriter.Action, actor, refused);
        return refused;
    }

    /// <summary>Whose texts this user sends: a department account its own department's; no one else any.</summary>
    private static ActionResult? ScopeProblem(ClaimsPrincipal user, DepartmentSubmissionDraft draft) => user.DepartmentScope() switch
    {
        null => ActionResult.Forbidden("department", ReportProblemCodes.NotADepartment),
        var own when draft.Department is { } named && named != own => ActionResult.Forbidden("department", ReportProblemCodes.OutsideDepartment, own, named),
        _ => null,
    };
}
