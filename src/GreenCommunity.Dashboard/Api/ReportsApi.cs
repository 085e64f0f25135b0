using System.Text.Json.Nodes;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Contracts;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Campaigns;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace GreenCommunity.Dashboard.Api;

/// <summary>POST /api/v1/reports and the read side of received reports. A public contract: keep the names.</summary>
public static class ReportsApi
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxIdempotencyKeyLength = 128;
    public const int MaxPageSize = 500;

    /// <summary>Far beyond any real list (1,000,000 pages of 500), and small enough that its offset is exact.</summary>
    public const int MaxPage = 1_000_000;

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/reports", SubmitAsync)
            .WithName("SubmitReport")
            .WithSummary("Submit a report (monthly, annual or plan) with community updates")
            // Described here, not with Accepts(): an Accepts() content-type filter would answer 415 before authorization and the handler.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "The report: locality, kind, period, submittedBy, narrative, updates[] (community, stage, effective, criteria).",
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } } },
                };
                return Task.CompletedTask;
            })
            .Produces<ReportAcknowledgement>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/reports", ListAsync).WithName("ListReports").WithSummary("Received reports, newest first");
        api.MapGet("/reports/{reportId}", GetAsync).WithName("GetReport").WithSummary("A report exactly as it was accepted")
            .Produces<JsonObject>(StatusCodes.Status200OK)   // the body as submitted, with four fields added: its shape is the submitter's
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Created<ReportAcknowledgement>, ValidationProblem, ProblemHttpResult>> SubmitAsync(HttpContext context, ReportIntake intake, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType() || !RequestBodies.IsUtf8(context.Request))
        {
            return ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the report as application/json in UTF-8.");
        }
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }
        var body = await RequestBodies.ReadAtMostAsync(context.Request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TooLarge();
        }
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0)
        {
            return ApiProblems.Invalid("Idempotency-Key", "Required: a header of 1 to 128 printable ASCII characters, unique per report.");
        }
        if (key.Length > MaxIdempotencyKeyLength || key.Any(c => c is < ' ' or > '~'))
        {
            return ApiProblems.Invalid("Idempotency-Key", "1 to 128 printable ASCII characters.");
        }

        var result = await intake.SubmitJsonAsync(body.Value, context.User.SubmitterScope(), context.User.Client(), key, Actor.From(context), cancellationToken);
        switch (result.Status)
        {
            case IntakeStatus.Stored:
                return TypedResults.Created($"/api/v1/reports/{result.Report!.ReportId}", ReportAcknowledgement.From(result.Report));
            case IntakeStatus.Replayed:
                context.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Created($"/api/v1/reports/{result.Report!.ReportId}", ReportAcknowledgement.From(result.Report));
            case IntakeStatus.Forbidden:
                return ApiProblems.Forbidden(result.Errors);
            case IntakeStatus.KeyReused:
                return ApiProblems.Status(StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
                    "This Idempotency-Key was used before with a different request body.");
            case IntakeStatus.KeyInFlight:
                return ApiProblems.Status(StatusCodes.Status409Conflict, "Request in progress",
                    "A request with this Idempotency-Key is still being processed; retry later.");
            default:
                return ApiProblems.Invalid(result.Errors);
        }
    }

    private static ProblemHttpResult TooLarge() =>
        ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"A report is at most {MaxBodyBytes} bytes.");

    private static async Task<Results<Ok<ReportPage>, ValidationProblem>> ListAsync(ReportQueries reports, string? locality, string? period, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var p = page ?? 1;
        var size = pageSize ?? 50;
        if (p is < 1 or > MaxPage)
        {
            return ApiProblems.Invalid("page", $"From 1 to {MaxPage}; beyond the last page the list is empty.");
        }
        if (size is < 1 or > MaxPageSize)
        {
            return ApiProblems.Invalid("pageSize", $"From 1 to {MaxPageSize}.");
        }
        var (items, total) = await reports.ListAsync(NullIfEmpty(locality), NullIfEmpty(period), p, size, cancellationToken);
        return TypedResults.Ok(new ReportPage(total, p, size, items.Select(ReportListItem.From).ToList()));
    }

    private static async Task<Results<JsonHttpResult<JsonObject>, ProblemHttpResult>> GetAsync(ReportQueries reports, string reportId, CancellationToken cancellationToken)
    {
        var record = await reports.GetAsync(reportId, cancellationToken);
        if (record is null)
        {
            return ApiProblems.NotFound($"No report {reportId}.");
        }
        var json = StoredReportJson.Parse(record.Body);
        json["reportId"] = record.Report.ReportId;
        json["receivedAt"] = record.Report.ReceivedAt.ToOffset(ChinaTime.Offset);
        json["deadline"] = record.Report.Deadline.ToOffset(ChinaTime.Offset);
        json["onTime"] = record.Report.OnTime;
        return TypedResults.Json(json);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
