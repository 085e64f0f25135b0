using GreenCommunity.Dashboard.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;

namespace GreenCommunity.Dashboard.Localization;

/// <summary>The language switch: stores the choice in the culture cookie and goes back to the page.</summary>
public static class CultureEndpoints
{
    public static IEndpointRouteBuilder MapCultureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/set", SetCulture).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static Results<BadRequest<string>, RedirectHttpResult> SetCulture(string culture, string? redirectUri, HttpContext context)
    {
        if (!DashboardCultures.Supported.Contains(culture, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.BadRequest($"Supported languages: {string.Join(", ", DashboardCultures.Supported)}.");
        }
        RememberCulture(context, culture);
        // Only local paths without control characters: the switch must not become an open redirect, nor a 500.
        return TypedResults.LocalRedirect(AccountEndpoints.LocalOnly(redirectUri));
    }

    /// <summary>
    /// A shared link with ?culture=en keeps its language: the choice is also stored in the cookie, which the
    /// interactive circuit (opened by a later request without the query) reads.
    /// </summary>
    public static IApplicationBuilder UseCultureFromQuery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Query.TryGetValue("culture", out var values) && values.Count == 1
            && DashboardCultures.Supported.FirstOrDefault(c => string.Equals(c, values[0], StringComparison.OrdinalIgnoreCase)) is { } culture)
        {
            RememberCulture(context, culture);
        }
        await next(context);
    });

    private static void RememberCulture(HttpContext context, string culture) =>
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
}
