using System.Text.Json;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Actions;
using GreenCommunity.Data.Actions;
using GreenCommunity.Data.Inspections;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Inspections;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Inspections;

/// <summary>
/// The two writes of unannounced inspections, for the API and the pages alike: the province records a visit, the
/// community's locality answers its findings. Each runs through <see cref="ActionIntake"/> (idempotency key, sender
/// re-checked, audit row, one transaction) and, once written, tells <see cref="InspectionNotifier"/>'s listeners.
/// </summary>
public sealed class InspectionService(ActionIntake intake, InspectionNotifier notifier, TimeProvider clock, Campaign campaign)
{
    public const string RecordAction = "inspection.record";
    public const string AnswerAction = "inspection.answer";

    public static string Location(string inspectionId) => $"/api/v1/inspections/{Uri.EscapeDataString(inspectionId)}";

    private DateOnly Today => ChinaTime.DateAt(clock.GetUtcNow());

    /// <summary>The province records a visit (201 with the inspection); any other sender is refused (403).</summary>
    public async Task<ActionResult> RecordAsync(JsonElement body, SubmitterScope? scope, Actor actor, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        if (scope is not { IsProvince: true })
        {
            return await RefuseAsync(RecordAction, actor, ActionResult.Forbidden("$", ReportProblemCodes.InspectionByProvinceOnly));
        }
        var today = Today;
        var errors = new ValidationErrors();
        if (InspectionRequests.ReadVisit(body, today, campaign.Start, errors) is not { } visit)
        {
            return await RefuseAsync(RecordAction, actor, ActionResult.Invalid(errors));
        }
        var result = await intake.RunAsync(RecordAction, actor, claim, async (connection, transaction, ct) =>
        {
            if (await InspectionCommands.LocalityOfAsync(connection, transaction, visit.Community, ct) is not { } locality)
            {
                var unknown = new ValidationErrors();
                unknown.Add("community", ReportProblemCodes.UnknownCommunity, visit.Community);
                return ActionResult.Invalid(unknown, visit.Community);
            }
            var at = clock.GetUtcNow();
            var inspectionId = Guid.CreateVersion7(at).ToString("N");
            await InspectionCommands.RecordAsync(connection, transaction, inspectionId, visit, locality, at, actor.Name, ct);
            var view = await InspectionQueries.GetAsync(connection, transaction, inspectionId, today, ct);
            var unmet = string.Join(",", visit.Findings.Where(f => !f.Met).Select(f => f.Criterion));
            return ActionResult.Created(Location(inspectionId), InspectionJson.Serialize(view!), inspectionId,
                $"community {visit.Community} visited {IsoDay.Text(visit.Date)}; not met: {(unmet.Length == 0 ? "none" : unmet)}");
        }, cancellationToken);
        Announce(result);
        return result;
    }

    /// <summary>The community's locality answers findings as rectified (200 with the inspection as it now stands).</summary>
    public async Task<ActionResult> AnswerAsync(string inspectionId, JsonElement body, SubmitterScope? scope, Actor actor, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        var today = Today;
        var errors = new ValidationErrors();
        var answers = InspectionRequests.ReadAnswers(body, today, errors);
        var result = await intake.RunAsync(AnswerAction, actor, claim, async (connection, transaction, ct) =>
        {
            if (await InspectionCommands.FindAsync(connection, transaction, inspectionId, ct) is not { } inspection)
            {
                return ActionResult.NotFound($"No inspection {inspectionId}.");
            }
            // Whose answer it is comes before what it says: another sender learns nothing from its mistakes.
            if (scope?.LocalityCode is not { } locality)
            {
                return ActionResult.Forbidden("$", ReportProblemCodes.AnswerByLocalityOnly, inspection.Locality);
            }
            if (locality != inspection.Locality)
            {
                return ActionResult.Forbidden("$", ReportProblemCodes.OutsideScope, locality, inspection.Locality);
            }
            if (answers is null)
            {
                return ActionResult.Invalid(errors, inspectionId);
            }
            var problems = InspectionRules.CheckAnswers(answers, inspection.Findings, inspection.Date);
            if (!problems.IsEmpty)
            {
                return ActionResult.Invalid(problems, inspectionId);
            }
            await InspectionCommands.AnswerAsync(connection, transaction, inspection.Id, answers, clock.GetUtcNow(), actor.Name, ct);
            var view = await InspectionQueries.GetAsync(connection, transaction, inspectionId, today, ct);
            return ActionResult.Ok(InspectionJson.Serialize(view!), inspectionId,
                $"rectified: {string.Join(",", answers.Select(a => $"{a.Criterion} on {IsoDay.Text(a.Date)}"))}");
        }, cancellationToken);
        Announce(result);
        return result;
    }

    private async Task<ActionResult> RefuseAsync(string action, Actor actor, ActionResult result)
    {
        await intake.RecordRefusedAsync(action, actor, result);
        return result;
    }

    private void Announce(ActionResult result)
    {
        if (result.Kind == ActionResultKind.Done)
        {
            notifier.Publish();
        }
    }
}
