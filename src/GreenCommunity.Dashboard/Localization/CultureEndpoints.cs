using Microsoft.AspNetCore.Localization;

namespace GreenCommunity.Dashboard.Localization;

/// <summary>The language switch: stores the choice in the culture cookie and goes back to the page.</summary>
public static class CultureEndpoints
{
    public static IEndpointRouteBuilder MapCultureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/set", (string culture, string? redirectUri, HttpContext context) =>
        {
            if (!DashboardCultures.Supported.Contains(culture, StringComparer.OrdinalIgnoreCase))
            {
                return Results.BadRequest($"Supported languages: {string.Join(", ", DashboardCultures.Supported)}.");
            }
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            // Only local paths: the switch must not become an open redirect.
            var target = redirectUri is { Length: > 0 } && redirectUri.StartsWith('/') && !redirectUri.StartsWith("//", StringComparison.Ordinal) ? redirectUri : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
        return endpoints;
    }
}
