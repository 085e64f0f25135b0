using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>The answer to an address over its failed-authentication limit: 429, Retry-After in whole seconds, problem details.</summary>
public static class FailedAuthenticationResponses
{
    public static ProblemHttpResult TooMany(HttpContext context, TimeSpan wait)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed authentications",
            detail: "Too many invalid tokens from this address; try again after the time in Retry-After.");
    }
}
