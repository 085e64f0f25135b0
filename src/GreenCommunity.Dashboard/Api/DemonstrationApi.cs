using System.Text.Json;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Contracts;
using GreenCommunity.Dashboard.Demonstration;
using GreenCommunity.Data.Demonstration;
using GreenCommunity.Data.Reference;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenCommunity.Dashboard.Api;

/// <summary>
/// Demonstration bases (示范教育基地) and practices (可复制、可推广的经验做法): the province designates and withdraws
/// bases, a locality adds its practices, anyone with a token reads them. Every write through <see cref="DemonstrationService"/>.
/// </summary>
public static class DemonstrationApi
{
    public static RouteGroupBuilder MapDemonstrationApi(this RouteGroupBuilder api)
    {
        api.MapPost("/demonstration-bases", DesignateAsync).WithName("DesignateDemonstrationBase")
            .WithSummary("Designates a community as a demonstration base (province only): {\"community\",\"description\"}")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/demonstration-bases/{community}/withdrawal", WithdrawAsync).WithName("WithdrawDemonstrationBase")
            .WithSummary("Withdraws a demonstration base (province only), keeping its record: {\"reason\"}")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/demonstration-bases", ListBasesAsync).WithName("ListDemonstrationBases")
            .WithSummary("The current demonstration bases, of one locality with ?locality=; ?withdrawn=true adds withdrawn ones")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/demonstration-bases/{community}", GetBaseAsync).WithName("GetDemonstrationBase")
            .WithSummary("A community's current designation, or its latest withdrawn one").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/practices", AddPracticeAsync).WithName("AddPractice")
            .WithSummary("Adds a locality's practice (the locality for itself, the province for any): {\"locality\",\"title\",\"description\",\"community\"?}")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/practices", ListPracticesAsync).WithName("ListPractices")
            .WithSummary("The localities' practices, of one locality with ?locality=").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/practices/{practiceId}", GetPracticeAsync).WithName("GetPractice").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> DesignateAsync(HttpContext context, DemonstrationService service, CancellationToken cancellationToken)
    {
        var (request, problem) = await ActionHttp.ReadAsync(context, DemonstrationService.DesignateAction, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new ValidationErrors();
        var fields = ReadFields(request!.Body, errors, "community", "description");
        var designation = DemonstrationInput.Designation(fields.GetValueOrDefault("community"), fields.GetValueOrDefault("description"), errors);
        return ActionHttp.Answer(context, await service.DesignateAsync(context.User.ReportingScope(), request.Actor, request.Claim, designation, errors, cancellationToken));
    }

    private static async Task<IResult> WithdrawAsync(string community, HttpContext context, DemonstrationService service, CancellationToken cancellationToken)
    {
        var (request, problem) = await ActionHttp.ReadAsync(context, DemonstrationService.WithdrawAction, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new ValidationErrors();
        var fields = ReadFields(request!.Body, errors, "reason");
        var withdrawal = DemonstrationInput.Withdrawal(community, fields.GetValueOrDefault("reason"), errors);
        return ActionHttp.Answer(context, await service.WithdrawAsync(context.User.ReportingScope(), request.Actor, request.Claim, withdrawal, errors, cancellationToken));
    }

    private static async Task<IResult> AddPracticeAsync(HttpContext context, DemonstrationService service, CancellationToken cancellationToken)
    {
        var (request, problem) = await ActionHttp.ReadAsync(context, DemonstrationService.PracticeAction, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new ValidationErrors();
        var fields = ReadFields(request!.Body, errors, "locality", "title", "description", "community");
        var entry = DemonstrationInput.Practice(fields.GetValueOrDefault("locality"), fields.GetValueOrDefault("title"), fields.GetValueOrDefault("description"),
            fields.GetValueOrDefault("community"), errors);
        return ActionHttp.Answer(context, await service.AddPracticeAsync(context.User.ReportingScope(), request.Actor, request.Claim, entry, errors, cancellationToken));
    }

    private static async Task<Results<Ok<DemonstrationBaseList>, ValidationProblem, ProblemHttpResult>> ListBasesAsync(string? locality, string? withdrawn,
        DemonstrationQueries queries, RegionQueries regions, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var withWithdrawn = false;
        if (!string.IsNullOrWhiteSpace(withdrawn) && !bool.TryParse(withdrawn, out withWithdrawn))
        {
            errors["withdrawn"] = ["true or false."];
        }
        if (await LocalityProblemAsync(locality, regions, errors, cancellationToken) is { } notFound)
        {
            return notFound;
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var bases = await queries.BasesAsync(Present(locality), withWithdrawn, cancellationToken);
        return TypedResults.Ok(new DemonstrationBaseList(bases.Select(DemonstrationBaseItem.From).ToList()));
    }

    private static async Task<Results<Ok<DemonstrationBaseItem>, ProblemHttpResult>> GetBaseAsync(string community, DemonstrationQueries queries, CancellationToken cancellationToken) =>
        RegionCodes.IsCommunityCode(community) && await queries.BaseAsync(community, cancellationToken) is { } found
            ? TypedResults.Ok(DemonstrationBaseItem.From(found))
            : ApiProblems.NotFound($"Community {community} is no demonstration base and never was.");

    private static async Task<Results<Ok<PracticeList>, ValidationProblem, ProblemHttpResult>> ListPracticesAsync(string? locality, DemonstrationQueries queries,
        RegionQueries regions, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (await LocalityProblemAsync(locality, regions, errors, cancellationToken) is { } notFound)
        {
            return notFound;
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var practices = await queries.PracticesAsync(Present(locality), cancellationToken);
        return TypedResults.Ok(new PracticeList(practices.Select(PracticeItem.From).ToList()));
    }

    private static async Task<Results<Ok<PracticeItem>, ProblemHttpResult>> GetPracticeAsync(string practiceId, DemonstrationQueries queries, CancellationToken cancellationToken) =>
        practiceId.Length <= 32 && await queries.PracticeAsync(practiceId, cancellationToken) is { } found
            ? TypedResults.Ok(PracticeItem.From(found))
            : ApiProblems.NotFound($"No practice {practiceId}.");

    /// <summary>A malformed locality is a 400 (added to <paramref name="errors"/>); one that is not the province's, a 404.</summary>
    private static async Task<ProblemHttpResult?> LocalityProblemAsync(string? locality, RegionQueries regions, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (Present(locality) is not { } code)
        {
            return null;
        }
        if (!RegionCodes.IsRegionCode(code))
        {
            errors["locality"] = ["A prefecture-level code of six digits, e.g. 420100."];
            return null;
        }
        var all = await regions.GetAllAsync(cancellationToken);
        return all.Any(r => r.Code == code && r.Level == RegionLevel.Prefecture) ? null : ApiProblems.NotFound($"No prefecture-level locality {code}.");
    }

    private static string? Present(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The body's string fields among <paramref name="names"/>; any other field, or a value that is not a string, is a problem by its path. A null is absent.</summary>
    private static Dictionary<string, string?> ReadFields(JsonElement body, ValidationErrors errors, params string[] names)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (!names.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(property.Name, ReportProblemCodes.UnknownField);
            }
            else if (property.Value.ValueKind == JsonValueKind.String)
            {
                fields[property.Name] = property.Value.GetString();
            }
            else if (property.Value.ValueKind != JsonValueKind.Null)
            {
                errors.Add(property.Name, ReportProblemCodes.NotAString);
            }
        }
        return fields;
    }
}
