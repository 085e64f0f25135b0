using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenCommunity.Dashboard.Api;

/// <summary>RFC 9457 problem responses used across the API, typed so that handlers can name them in their <c>Results&lt;...&gt;</c>.</summary>
internal static class ApiProblems
{
    /// <summary>The one 404 of the API: application/problem+json with type, title "Not found", status, detail and traceId.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        Status(StatusCodes.Status404NotFound, "Not found", detail);

    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors);

    /// <summary>A report's problems: <c>errors</c> (path → English texts, as always) and beside them <c>codes</c> (path → stable codes).</summary>
    public static ValidationProblem Invalid(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), extensions: new Dictionary<string, object?> { ["codes"] = errors.ToCodes() });

    /// <summary>403 for what lies outside the sender's right: the first problem's text as the detail, every problem's code as <c>codes</c>.</summary>
    public static ProblemHttpResult Forbidden(ValidationErrors errors) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: errors.Problems.Count > 0 ? errors.Problems[0].EnglishText : "Outside this sender's scope.",
            extensions: new Dictionary<string, object?> { ["codes"] = errors.ToCodes() });

    /// <summary>Reads an optional yyyy-MM-dd day that is not in the future; false with the 400 to answer when it is bad.</summary>
    public static bool TryReadAsOf(string? text, DateOnly today, out DateOnly asOf, out ValidationProblem? error)
    {
        error = null;
        asOf = today;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (!IsoDay.TryParse(text, out asOf))
        {
            error = Invalid("asOf", "A date, YYYY-MM-DD.");
            return false;
        }
        if (asOf > today)
        {
            error = Invalid("asOf", $"A day in the future: figures exist up to today ({IsoDay.Text(today)}).");
            return false;
        }
        return true;
    }
}
