using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Inspections;
using GreenCommunity.Data.Inspections;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenCommunity.Dashboard.Api;

/// <summary>
/// Unannounced inspections (暗访督查): the province records a visit, the community's locality answers each finding,
/// and anyone with a token reads them. A public contract: keep the names.
/// </summary>
public static class InspectionsApi
{
    public static RouteGroupBuilder MapInspectionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/inspections", RecordAsync).WithName("RecordInspection")
            .WithSummary("The province records an unannounced inspection: community, date, inspectors, findings per criterion, rectifyBy")
            .Produces<InspectionResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/inspections", ListAsync).WithName("ListInspections")
            .WithSummary("Inspections, latest visit first; locality (six digits), community, open=true for those with an open finding, discrepancy=true for accepted communities' open findings");
        api.MapGet("/inspections/{inspectionId}", GetAsync).WithName("GetInspection").WithSummary("An inspection with its findings and their answers")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/inspections/{inspectionId}/answers", AnswerAsync).WithName("AnswerInspection")
            .WithSummary("The community's locality answers findings: {\"answers\":{\"12\":{\"rectified\":true,\"note\":\"…\",\"date\":\"YYYY-MM-DD\"}}}")
            .Produces<InspectionResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> RecordAsync(HttpContext context, InspectionService inspections, CancellationToken cancellationToken)
    {
        var (request, problem) = await ActionHttp.ReadAsync(context, InspectionService.RecordAction, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        return ActionHttp.Answer(context, await inspections.RecordAsync(request!.Body, context.User.ReportingScope(), request.Actor, request.Claim, cancellationToken));
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, InspectionService inspections, string inspectionId, CancellationToken cancellationToken)
    {
        var (request, problem) = await ActionHttp.ReadAsync(context, InspectionService.AnswerAction, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        return ActionHttp.Answer(context, await inspections.AnswerAsync(inspectionId, request!.Body, context.User.ReportingScope(), request.Actor, request.Claim, cancellationToken));
    }

    private static async Task<Results<Ok<InspectionList>, ValidationProblem>> ListAsync(InspectionQueries queries, string? locality, string? community, string? open, string? discrepancy, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (!string.IsNullOrEmpty(locality) && !RegionCodes.IsRegionCode(locality))
        {
            errors.Add("locality", ReportProblemCodes.InvalidLocalityCode);
        }
        if (!string.IsNullOrEmpty(community) && !RegionCodes.IsCommunityCode(community))
        {
            errors.Add("community", ReportProblemCodes.InvalidCommunityCode);
        }
        var openOnly = YesNo(open, "open", errors);
        var discrepancyOnly = YesNo(discrepancy, "discrepancy", errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }
        var items = await queries.ListAsync(new InspectionFilter(NullIfEmpty(locality), NullIfEmpty(community), openOnly, discrepancyOnly), cancellationToken);
        return TypedResults.Ok(new InspectionList(items.Count, [.. items.Select(InspectionResponse.From)]));
    }

    private static async Task<Results<Ok<InspectionResponse>, ProblemHttpResult>> GetAsync(InspectionQueries queries, string inspectionId, CancellationToken cancellationToken) =>
        await queries.GetAsync(inspectionId, cancellationToken) is { } view
            ? TypedResults.Ok(InspectionResponse.From(view))
            : ApiProblems.NotFound($"No inspection {inspectionId}.");

    private static bool YesNo(string? text, string path, ValidationErrors errors)
    {
        switch (text)
        {
            case null or "" or "false":
                return false;
            case "true":
                return true;
            default:
                errors.Add(path, ReportProblemCodes.InvalidYesNo);
                return false;
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
