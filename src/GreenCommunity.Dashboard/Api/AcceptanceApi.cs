using GreenCommunity.Dashboard.Acceptance;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Contracts;
using GreenCommunity.Data.Acceptance;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenCommunity.Dashboard.Api;

/// <summary>
/// The acceptance review (验收): <c>POST /api/v1/acceptance-requests</c> (a locality), <c>POST …/{id}/decisions</c>
/// (the province), <c>GET /api/v1/acceptance-requests?locality=&amp;status=pending|decided</c>. A public contract: keep the names.
/// </summary>
public static class AcceptanceApi
{
    public static RouteGroupBuilder MapAcceptanceApi(this RouteGroupBuilder api)
    {
        api.MapPost("/acceptance-requests", ApplyAsync).WithName("ApplyForAcceptance")
            .WithSummary("A locality applies for acceptance of communities it judges ready: {locality, communities[], note}");
        api.MapPost("/acceptance-requests/{requestId}/decisions", DecideAsync).WithName("DecideAcceptance")
            .WithSummary("The province decides: {decisions:[{community, criteria{1..16}, accepted, reason}]}");
        api.MapGet("/acceptance-requests", ListAsync).WithName("ListAcceptanceRequests").WithSummary("Acceptance requests, newest first");
        api.MapGet("/acceptance-requests/{requestId}", GetAsync).WithName("GetAcceptanceRequest").WithSummary("One acceptance request with its decisions");
        return api;
    }

    private static async Task<IResult> ApplyAsync(HttpContext context, AcceptanceService service, CancellationToken cancellationToken)
    {
        var (request, problem) = await ActionHttp.ReadAsync(context, AcceptanceService.ApplyAction, cancellationToken);
        if (request is null)
        {
            return problem!;
        }
        var errors = new ValidationErrors();
        if (AcceptanceJson.ReadApplication(request.Body, errors) is not { } application)
        {
            return ApiProblems.Invalid(errors);
        }
        return ActionHttp.Answer(context, await service.ApplyAsync(application, context.User.ReportingScope(), request.Actor, request.Claim, cancellationToken));
    }

    private static async Task<IResult> DecideAsync(HttpContext context, string requestId, AcceptanceService service, CancellationToken cancellationToken)
    {
        var (request, problem) = await ActionHttp.ReadAsync(context, AcceptanceService.DecideAction, cancellationToken);
        if (request is null)
        {
            return problem!;
        }
        var errors = new ValidationErrors();
        if (AcceptanceJson.ReadDecisions(request.Body, errors) is not { } decisions)
        {
            // The sender's right first: a locality learns nothing from the shape of a decision it may not make.
            return context.User.ReportingScope() is { IsProvince: true } ? ApiProblems.Invalid(errors)
                : ActionHttp.Answer(context, await service.DecideAsync(requestId, [], context.User.ReportingScope(), request.Actor, request.Claim, cancellationToken));
        }
        return ActionHttp.Answer(context, await service.DecideAsync(requestId, decisions, context.User.ReportingScope(), request.Actor, request.Claim, cancellationToken));
    }

    private static async Task<Results<Ok<AcceptanceRequestList>, ValidationProblem>> ListAsync(AcceptanceQueries queries, string? locality, string? status, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrEmpty(locality) && !RegionCodes.IsRegionCode(locality))
        {
            errors["locality"] = ["A six-digit prefecture-level code, e.g. 420100."];
        }
        if (!string.IsNullOrEmpty(status) && status is not ("pending" or "decided"))
        {
            errors["status"] = ["pending or decided."];
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var items = await queries.ListAsync(NullIfEmpty(locality), NullIfEmpty(status), cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new AcceptanceRequestList(items.Count, items.Select(r => AcceptanceRequestItem.From(r, now)).ToList()));
    }

    private static async Task<Results<Ok<AcceptanceRequestItem>, ProblemHttpResult>> GetAsync(AcceptanceQueries queries, string requestId, TimeProvider clock, CancellationToken cancellationToken) =>
        await queries.GetAsync(requestId, cancellationToken) is { } record
            ? TypedResults.Ok(AcceptanceRequestItem.From(record, clock.GetUtcNow()))
            : ApiProblems.NotFound($"No acceptance request {requestId}.");

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
