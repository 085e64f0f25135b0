using GreenCommunity.Domain.Campaigns;

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
