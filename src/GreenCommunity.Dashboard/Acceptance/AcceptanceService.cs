using System.Data.Common;
using System.Text.Json;
using Dapper;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Actions;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Data.Acceptance;
using GreenCommunity.Data.Actions;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Acceptance;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Dashboard.Acceptance;

/// <summary>
/// The acceptance review for the API and the pages alike: a locality applies; the province decides. An accepted
/// community enters 已验收 through the province's report, appended by <see cref="ReportWriter"/> in the decision's own
/// transaction (history, audit, live push as for any report); a returned one keeps its stage and its reason.
/// </summary>
public sealed class AcceptanceService(ActionIntake intake, ReportWriter reports, ProgressNotifier progress, AcceptanceNotifier changes, TimeProvider clock)
{
    public const string ApplyAction = "acceptance.request";
    public const string DecideAction = "acceptance.decide";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public async Task<ActionResult> ApplyAsync(AcceptanceApplication application, SubmitterScope? scope, Actor actor, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        var outside = scope is null
            ? new ReportProblem("locality", ReportProblemCodes.AppliedByLocality, [])
            : AcceptanceRules.ApplyScopeProblem(scope, application.Locality);
        if (outside is not null)
        {
            return await RefuseAsync(ApplyAction, actor, outside, application.Locality);
        }
        var requestedAt = clock.GetUtcNow();
        var requestId = Guid.CreateVersion7(requestedAt).ToString("N");
        var result = await intake.RunAsync(ApplyAction, actor, claim, async (connection, transaction, token) =>
        {
            var errors = await CheckApplicationAsync(connection, transaction, application, token);
            if (!errors.IsEmpty)
            {
                return ActionResult.Invalid(errors, application.Locality);
            }
            await AcceptanceSql.InsertRequestAsync(connection, transaction, requestId, application.Locality, application.Communities, application.Note, requestedAt, actor.Name, token);
            var answer = JsonSerializer.Serialize(new { requestId, locality = application.Locality, status = "pending", communities = application.Communities }, s_json);
            return ActionResult.Created($"/api/v1/acceptance-requests/{requestId}", answer, $"{application.Locality} {requestId}", $"{application.Communities.Count} communities");
        }, cancellationToken);
        if (result.IsWritten)
        {
            changes.Publish(application.Locality);
        }
        return result;
    }

    public async Task<ActionResult> DecideAsync(string requestId, IReadOnlyList<AcceptanceDecision> decisions, SubmitterScope? scope, Actor actor, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        if (AcceptanceRules.DecideScopeProblem(scope) is { } outside)
        {
            return await RefuseAsync(DecideAction, actor, outside, requestId);
        }
        var decidedAt = clock.GetUtcNow();
        string? locality = null;
        (StoredReport Stored, ReportSubmission Report)? accepted = null;
        var result = await intake.RunAsync(DecideAction, actor, claim, async (connection, transaction, token) =>
        {
            if (await AcceptanceSql.FindForDecisionAsync(connection, transaction, requestId, token) is not { } request)
            {
                return ActionResult.NotFound($"No acceptance request {requestId}.");
            }
            locality = request.Locality;
            var errors = new ValidationErrors();
            for (var i = 0; i < decisions.Count; i++)
            {
                if (!request.Communities.TryGetValue(decisions[i].Community, out var state))
                {
                    errors.Add($"decisions[{i}].community", ReportProblemCodes.NotInRequest, decisions[i].Community);
                }
                else if (state is not null)
                {
                    errors.Add($"decisions[{i}].community", ReportProblemCodes.AlreadyDecided, decisions[i].Community);
                }
            }
            if (!errors.IsEmpty)
            {
                return ActionResult.Invalid(errors, $"{request.Locality} {requestId}");
            }
            long? reportSequence = null;
            if (decisions.Any(d => d.Accepted))
            {
                var report = AcceptanceReport(request.Locality, requestId, decisions, decidedAt);
                var outcome = await reports.AppendWithinAsync(connection, transaction, report,
                    new ReportReceipt(SubmitterScope.Province, decidedAt, AuditActor: actor.Name, AuditAddress: actor.Address), token);
                if (!outcome.IsStored)
                {
                    return ActionResult.Invalid(AtDecisions(outcome.Errors, decisions, report), $"{request.Locality} {requestId}");
                }
                accepted = (outcome.Stored!, report);
                reportSequence = outcome.Stored!.Sequence;
            }
            await AcceptanceSql.DecideAsync(connection, transaction, request.Id,
                decisions.Select(d => (d.Community, d.Accepted, ReviewJson(d), d.Reason, d.Accepted ? reportSequence : null)), decidedAt, actor.Name, token);
            var stillWaiting = request.Communities.Count(c => c.Value is null) - decisions.Count;
            var answer = JsonSerializer.Serialize(new
            {
                requestId,
                locality = request.Locality,
                status = stillWaiting == 0 ? "decided" : "pending",
                decisions = decisions.Select(d => new { community = d.Community, accepted = d.Accepted }),
                reportId = accepted?.Stored.ReportId,
            }, s_json);
            return ActionResult.Ok(answer, $"{request.Locality} {requestId}",
                $"{decisions.Count(d => d.Accepted)} accepted, {decisions.Count(d => !d.Accepted)} returned");
        }, cancellationToken);
        if (result.IsWritten)
        {
            if (accepted is { } stored)
            {
                progress.Publish(ReportIntake.Notice(stored.Stored, stored.Report));
            }
            changes.Publish(locality!);
        }
        return result;
    }

    /// <summary>The province's report that takes the accepted communities to 已验收 today (China time), the yes/no criteria found met.</summary>
    private static ReportSubmission AcceptanceReport(string locality, string requestId, IReadOnlyList<AcceptanceDecision> decisions, DateTimeOffset at)
    {
        var today = ChinaTime.DateAt(at);
        // The share criterion (12, property-management coverage) is a measured figure the locality reports: the review
        // confirms it, so the stored share must already meet it; the yes/no criteria are set as found.
        var updates = decisions.Where(d => d.Accepted).Select(d => new CommunityUpdate(d.Community, Stage.Accepted, today,
            GreenCommunityStandard.Criteria.Where(c => !c.IsShare).ToDictionary(c => c.Number, _ => 1.0))).ToList();
        return new ReportSubmission(locality, ReportKind.Monthly, ReportPeriod.OfMonth(today.Year, today.Month), SubmitterScope.ProvinceDepartment,
            $"验收申请 {requestId}：通过 {updates.Count} 个社区", updates);
    }

    /// <summary>The report's problems at the decisions they come from ("updates[0].stage" → "decisions[3].accepted").</summary>
    private static ValidationErrors AtDecisions(ValidationErrors reportErrors, IReadOnlyList<AcceptanceDecision> decisions, ReportSubmission report)
    {
        var errors = new ValidationErrors();
        foreach (var problem in reportErrors.Problems)
        {
            var index = report.Updates.Select((u, i) => (u, i)).FirstOrDefault(x => problem.Path.StartsWith($"updates[{x.i}]", StringComparison.Ordinal)).u?.Community is { } community
                ? decisions.ToList().FindIndex(d => d.Community == community)
                : -1;
            errors.Add(index >= 0 ? problem.At($"decisions[{index}].accepted") : problem.At("decisions"));
        }
        return errors;
    }

    private static string ReviewJson(AcceptanceDecision decision) => JsonSerializer.Serialize(
        decision.Criteria.OrderBy(c => c.Key).ToDictionary(c => c.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), c => new { met = c.Value.Met, remark = c.Value.Remark }), s_json);

    private const string LocalityExistsSql = "SELECT COUNT(*) FROM regions WHERE code = @locality AND level = 2";

    private static async Task<ValidationErrors> CheckApplicationAsync(DbConnection connection, DbTransaction transaction, AcceptanceApplication application, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(LocalityExistsSql, new { locality = application.Locality }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            errors.Add("locality", ReportProblemCodes.UnknownLocality);
            return errors;
        }
        var facts = await AcceptanceSql.FactsAsync(connection, transaction, application.Communities, cancellationToken);
        for (var i = 0; i < application.Communities.Count; i++)
        {
            var code = application.Communities[i];
            var path = $"communities[{i}]";
            if (!facts.TryGetValue(code, out var fact))
            {
                errors.Add(path, ReportProblemCodes.UnknownCommunity, code);
            }
            else if (fact.Locality != application.Locality)
            {
                errors.Add(path, ReportProblemCodes.CommunityElsewhere, code, application.Locality);
            }
            else if (!AcceptanceRules.MayApply((Stage)fact.Stage))
            {
                errors.Add(path, ReportProblemCodes.NotReadyForAcceptance, code, (Stage)fact.Stage);
            }
            else if (fact.WaitingIn is { } waiting)
            {
                errors.Add(path, ReportProblemCodes.AlreadyRequested, code, waiting);
            }
        }
        return errors;
    }

    private async Task<ActionResult> RefuseAsync(string action, Actor actor, ReportProblem problem, string target)
    {
        var errors = new ValidationErrors();
        errors.Add(problem);
        var refused = ActionResult.Forbidden(errors, target);
        await intake.RecordRefusedAsync(action, actor, refused);
        return refused;
    }
}
