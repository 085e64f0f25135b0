using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>
/// A meeting-room screen's session. A TV shows one page for weeks and makes no page requests, so a person's 8-hour cookie
/// would lapse under it and the next restart of the server would send the screen to sign in. A display sign-in therefore
/// gets a persistent cookie of <see cref="Lifetime"/>, sliding, which the screen renews with an hourly ping
/// (wwwroot/display-session.js). Revoking its token still ends it: every request checks the token
/// (<see cref="SessionValidation"/>) and <see cref="SessionSweeper"/> ends the open page.
/// </summary>
public static class DisplaySession
{
    public const string PingPath = "/display/session";

    /// <summary>
    /// 30 days: a screen switched off over a long holiday (the Spring Festival week and more) still comes back by itself,
    /// while a link nobody uses for a month lapses without anyone remembering to revoke it.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>The cookie handler's hook: a display screen's cookie outlives the browser and a person's 8 hours.</summary>
    public static Task OnSigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.HasClaim(c => c.Type == DashboardClaims.DisplayTokenId) == true && context.Properties.IssuedUtc is { } issued)
        {
            context.Properties.IsPersistent = true;
            context.Properties.ExpiresUtc = issued + Lifetime;   // sliding renewals keep this span (issued to expires)
        }
        return Task.CompletedTask;
    }

    public static IEndpointRouteBuilder MapDisplaySession(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PingPath, Ping).RequireAuthorization(DashboardPolicies.Screen).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Nothing to say: passing the cookie handler (and its check of the token) is the point, and it renews the cookie.</summary>
    private static NoContent Ping(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.NoContent();
    }
}
