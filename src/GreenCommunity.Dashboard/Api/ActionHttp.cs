using System.Text;
using System.Text.Json;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Actions;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Data.Actions;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Api;

/// <summary>A write request's JSON body (its root an object, sound: no field twice, only Unicode text), the sender and its idempotency claim.</summary>
public sealed record ActionRequest(JsonElement Body, Actor Actor, IdempotencyClaim Claim);

/// <summary>
/// The HTTP side of every write that is not a report: reads the request the way <c>POST /api/v1/reports</c> does (JSON
/// in UTF-8, a size limit, an <c>Idempotency-Key</c> of 1 to 128 printable ASCII characters, a sound document) and
/// turns an <see cref="ActionResult"/> into the same answers (201 with Location, a replay marked
/// <c>Idempotent-Replayed</c>, 400 with <c>errors</c> and <c>codes</c> by path, 403, 404, 409, 422).
/// </summary>
public static class ActionHttp
{
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>The request, or the problem to answer (already audited as refused) when it cannot be read.</summary>
    public static async Task<(ActionRequest? Request, IResult? Problem)> ReadAsync(HttpContext context, string action, CancellationToken cancellationToken)
    {
        var actor = Actor.From(context);
        var (request, problem, reason) = await ReadCoreAsync(context, action, actor, cancellationToken);
        if (problem is not null)
        {
            await context.RequestServices.GetRequiredService<AuditRecorder>().RecordAsync(actor, action, null, Data.Audit.AuditOutcome.Refused, reason, CancellationToken.None);
        }
        return (request, problem);
    }

    private static async Task<(ActionRequest?, IResult?, string?)> ReadCoreAsync(HttpContext context, string action, Actor actor, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType() || !RequestBodies.IsUtf8(context.Request))
        {
            return (null, ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the request as application/json in UTF-8."), "415");
        }
        if (context.Request.ContentLength > MaxBodyBytes || await RequestBodies.ReadAtMostAsync(context.Request, MaxBodyBytes, cancellationToken) is not { } body)
        {
            return (null, ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"A request is at most {MaxBodyBytes} bytes."), "413");
        }
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0)
        {
            return (null, ApiProblems.Invalid("Idempotency-Key", "Required: a header of 1 to 128 printable ASCII characters, unique per request."), "no Idempotency-Key");
        }
        if (key.Length > ReportsApi.MaxIdempotencyKeyLength || key.Any(c => c is < ' ' or > '~'))
        {
            return (null, ApiProblems.Invalid("Idempotency-Key", "1 to 128 printable ASCII characters."), "bad Idempotency-Key");
        }
        var errors = new ValidationErrors();
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            errors.Add("$", ReportProblemCodes.InvalidJson, e.Message);
            return (null, ApiProblems.Invalid(errors), "invalid JSON");
        }
        JsonSoundness.Check(root, "", errors);
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", ReportProblemCodes.NotAnObject);
        }
        if (!errors.IsEmpty)
        {
            return (null, ApiProblems.Invalid(errors), $"{errors.Count} problems");
        }
        // The route is part of what the key stands for: the same key and body sent to another request's address is another request.
        return (new ActionRequest(root, actor, ActionIntake.ClaimFor(context.User.Client(), key, $"{action} {context.Request.Path}", body.Span)), null, null);
    }

    /// <summary>The HTTP answer to what the write did.</summary>
    public static IResult Answer(HttpContext context, ActionResult result)
    {
        switch (result.Kind)
        {
            case ActionResultKind.Done or ActionResultKind.Replayed:
                if (result.Kind == ActionResultKind.Replayed)
                {
                    context.Response.Headers["Idempotent-Replayed"] = "true";
                }
                if (result.Location is { } location)
                {
                    context.Response.Headers.Location = location;
                }
                return TypedResults.Content(result.Response, "application/json; charset=utf-8", Encoding.UTF8, result.Status);
            case ActionResultKind.Invalid:
                return ApiProblems.Invalid(result.Errors);
            case ActionResultKind.Forbidden:
                return ApiProblems.Forbidden(result.Errors);
            case ActionResultKind.NotFound:
                return ApiProblems.NotFound(result.Detail ?? "Not found.");
            case ActionResultKind.Conflict:
                return ApiProblems.Status(StatusCodes.Status409Conflict, "Conflict", result.Detail ?? "Not possible in the present state.");
            default:
                return ApiProblems.Status(StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
                    "This Idempotency-Key was used before with a different request body.");
        }
    }
}
