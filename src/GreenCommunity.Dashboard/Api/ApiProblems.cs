using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Api;

/// <summary>RFC 9457 problem responses used across the API.</summary>
internal static class ApiProblems
{
    public static IResult Status(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors);

    /// <summary>A report's problems: <c>errors</c> (path → English texts, as always) and beside them <c>codes</c> (path → stable codes).</summary>
    public static IResult Invalid(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), extensions: new Dictionary<string, object?> { ["codes"] = errors.ToCodes() });

    /// <summary>403 for what lies outside the sender's right: the first problem's text as the detail, every problem's code as <c>codes</c>.</summary>
    public static IResult Forbidden(ValidationErrors errors) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: errors.Problems.Count > 0 ? errors.Problems[0].EnglishText : "Outside this sender's scope.",
            extensions: new Dictionary<string, object?> { ["codes"] = errors.ToCodes() });

    /// <summary>Reads an optional yyyy-MM-dd day that is not in the future; null with an error result when it is bad.</summary>
    public static bool TryReadAsOf(string? text, DateOnly today, out DateOnly asOf, out IResult? error)
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
