using System.Text.Json;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Actions;
using GreenCommunity.Dashboard.Bulletins;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Api;

/// <summary>
/// /api/v1/bulletins: the province drafts a bulletin for a month, edits its remarks and publishes it (numbered,
/// immutable); every token reads the published ones, the province's its drafts too, as JSON or as .xlsx.
/// </summary>
public static class BulletinsApi
{
    public static RouteGroupBuilder MapBulletinsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/bulletins", DraftAsync).WithName("DraftBulletin").WithSummary("Draft a bulletin for a month (the province)");
        api.MapPost("/bulletins/{id}/remarks", RemarksAsync).WithName("EditBulletinRemarks").WithSummary("Set a draft's remarks (the province)");
        api.MapPost("/bulletins/{id}/publication", PublishAsync).WithName("PublishBulletin").WithSummary("Publish a draft: numbered, its figures frozen (the province)");
        api.MapGet("/bulletins", ListAsync).WithName("ListBulletins").WithSummary("Published bulletins, newest first (and the province's drafts)");
        api.MapGet("/bulletins/{id}", GetAsync).WithName("GetBulletin").WithSummary("A bulletin with its figures");
        api.MapGet("/bulletins/{id}.xlsx", WorkbookAsync).WithName("GetBulletinWorkbook").WithSummary("A bulletin as .xlsx");
        api.MapGet("/bulletins/{id}/workbook", WorkbookAsync).WithName("GetBulletinWorkbookAlias").WithSummary("A bulletin as .xlsx");
        return api;
    }

    private static async Task<IResult> DraftAsync(HttpContext context, BulletinActions actions, CancellationToken cancellationToken)
    {
        var (request, problem) = await ActionHttp.ReadAsync(context, BulletinActions.DraftAction, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new ValidationErrors();
        UnknownFields(request!.Body, errors, "month", "remarks");
        var month = ReadString(request.Body, "month", required: true, maxLength: null, errors);
        var remarks = ReadString(request.Body, "remarks", required: false, BulletinActions.MaxRemarksLength, errors) ?? "";
        var command = new BulletinDraftCommand(month, remarks, errors);
        return ActionHttp.Answer(context, await actions.DraftAsync(request.Actor, context.User.ReportingScope(), request.Claim, command, cancellationToken));
    }

    private static async Task<IResult> RemarksAsync(string id, HttpContext context, BulletinActions actions, CancellationToken cancellationToken)
    {
        var (request, problem) = await ActionHttp.ReadAsync(context, BulletinActions.RemarksAction, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new ValidationErrors();
        UnknownFields(request!.Body, errors, "remarks");
        var remarks = ReadString(request.Body, "remarks", required: true, BulletinActions.MaxRemarksLength, errors) ?? "";
        var claim = ForBulletin(request, BulletinActions.RemarksAction, id);
        return ActionHttp.Answer(context, await actions.EditRemarksAsync(request.Actor, context.User.ReportingScope(), claim, id, new BulletinRemarksCommand(remarks, errors), cancellationToken));
    }

    private static async Task<IResult> PublishAsync(string id, HttpContext context, BulletinActions actions, CancellationToken cancellationToken)
    {
        var (request, problem) = await ActionHttp.ReadAsync(context, BulletinActions.PublishAction, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new ValidationErrors();
        UnknownFields(request!.Body, errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }
        var claim = ForBulletin(request, BulletinActions.PublishAction, id);
        return ActionHttp.Answer(context, await actions.PublishAsync(request.Actor, context.User.ReportingScope(), claim, id, cancellationToken));
    }

    private static async Task<IResult> ListAsync(HttpContext context, BulletinReader reader, CancellationToken cancellationToken)
    {
        var records = await reader.ListAsync(IsProvince(context), cancellationToken);
        return Json(new BulletinList([.. records.Select(r => BulletinResource.Of(r))]));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, BulletinReader reader, CancellationToken cancellationToken) =>
        await reader.GetAsync(id, IsProvince(context), cancellationToken) is { } document
            ? Json(BulletinResource.Of(document.Record, document.Figures))
            : ApiProblems.NotFound($"No bulletin {id}.");

    private static Task<IResult> WorkbookAsync(string id, HttpContext context, BulletinReader reader, CancellationToken cancellationToken) =>
        BulletinsExtensions.WorkbookAsync(id, IsProvince(context), reader, cancellationToken);

    private static bool IsProvince(HttpContext context) => context.User.ReportingScope() is { IsProvince: true };

    private static IResult Json<T>(T value) => TypedResults.Content(BulletinJson.Serialize(value), "application/json; charset=utf-8", System.Text.Encoding.UTF8);

    /// <summary>
    /// The request's key answers for this bulletin only: the route's id is hashed with the body, so the same key and
    /// body sent for another bulletin is a reused key, not a replay of the first one's answer.
    /// </summary>
    private static IdempotencyClaim ForBulletin(ActionRequest request, string action, string id) =>
        ActionIntake.ClaimFor(request.Claim.Client, request.Claim.Key, action, $"{id}\n{request.Body.GetRawText()}");

    private static void UnknownFields(JsonElement body, ValidationErrors errors, params string[] known)
    {
        foreach (var property in body.EnumerateObject().Where(p => !known.Contains(p.Name, StringComparer.Ordinal)))
        {
            errors.Add(property.Name, ReportProblemCodes.UnknownField);
        }
    }

    private static string? ReadString(JsonElement body, string name, bool required, int? maxLength, ValidationErrors errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(name, ReportProblemCodes.Required);
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(name, ReportProblemCodes.NotAString);
            return null;
        }
        var text = value.GetString()!;
        if (maxLength is { } max && text.Length > max)
        {
            errors.Add(name, ReportProblemCodes.TooLong, max);
            return null;
        }
        return text;
    }

    private sealed record BulletinList(IReadOnlyList<BulletinResource> Bulletins);
}
