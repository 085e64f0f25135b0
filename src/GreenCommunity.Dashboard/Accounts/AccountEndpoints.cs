using System.Globalization;
using System.Security.Claims;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>Sign-in and sign-out (form posts with antiforgery) and the display screens' token link.</summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string DeniedPath = "/account/denied";
    public const string DisplayPath = "/display/{token}";
    public const string DisplayScreenPath = "/display";
    public const string SignInRateLimit = "sign-in";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(LoginPath, SignInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit).ExcludeFromDescription();
        endpoints.MapPost(LogoutPath, SignOutAsync).RequireAuthorization(DashboardPolicies.Session).ExcludeFromDescription();
        endpoints.MapGet(DisplayPath, DisplayAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit).ExcludeFromDescription();
        endpoints.MapDisplaySession();
        endpoints.MapPasswordEndpoints();
        return endpoints;
    }

    private static async Task<RedirectHttpResult> SignInAsync(HttpContext context, [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
        UserStore users, AuditRecorder audit)
    {
        var back = LocalOnly(returnUrl);
        var address = ClientAddress.Of(context);
        var outcome = string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password)
            ? new SignInOutcome(SignInStatus.UnknownUser, null)
            : await users.SignInAsync(userName, password, address, context.RequestAborted);
        if (outcome.Status != SignInStatus.Succeeded)
        {
            await audit.RecordAsync($"user:{userName}", address, "sign-in", userName, AuditOutcome.Refused, outcome.Status.ToString());
            // One answer for an unknown name, a wrong password and a lock-out (the audit keeps which): the page must not
            // tell which names exist. Only someone who gave the right password learns that the account is disabled.
            var reason = outcome.Status == SignInStatus.Disabled ? "disabled" : "failed";
            return TypedResults.LocalRedirect($"{LoginPath}?error={reason}&returnUrl={Uri.EscapeDataString(back)}");
        }
        var user = outcome.User!;
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserPrincipal.For(user));
        await audit.RecordAsync($"user:{user.UserName}", address, "sign-in", user.UserName, AuditOutcome.Allowed, user.Role);
        var landing = LandingFor(user, back);
        return TypedResults.LocalRedirect(user.MustChangePassword ? PasswordEndpoints.PageFor(landing) : landing);
    }

    /// <summary>
    /// Where a person lands after signing in: where they were going, or, with nowhere in particular ("/", which the form sends
    /// when no page sent them), a coordinator on their own locality's page, the others on the overview.
    /// </summary>
    public static string LandingFor(UserAccount user, string returnUrl) =>
        returnUrl == "/" && user.Role == DashboardRoles.Coordinator && user.Locality is { Length: > 0 } locality
            ? $"/locality/{Uri.EscapeDataString(locality)}"
            : returnUrl;

    /// <summary>A form post with the antiforgery token the user menu sends: a link or another site cannot sign anyone out.</summary>
    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> SignOutAsync(HttpContext context, IAntiforgery antiforgery, AuditRecorder audit)
    {
        if (!await HasValidTokenAsync(antiforgery, context))
        {
            // With a body: an empty 400 would be re-executed as the not-found page.
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                detail: "Sign out with the form of the user menu: it carries the antiforgery token.");
        }
        await audit.RecordAsync(context.User, ClientAddress.Of(context), "sign-out", context.User.Identity?.Name, AuditOutcome.Allowed, null);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect(LoginPath);
    }

    // A body that claims to be a form and is not one cannot carry the token either: refused, not a 500.
    private static async Task<bool> HasValidTokenAsync(IAntiforgery antiforgery, HttpContext context)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    /// <summary>A meeting-room screen opens /display/{token}: a read-only session that ends when the token is revoked.</summary>
    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> DisplayAsync(HttpContext context, string token, ApiTokenStore tokens,
        FailedAuthenticationLimiter failures, AuditRecorder audit)
    {
        var address = ClientAddress.Of(context);
        if (failures.RetryAfter(address) is { } wait)
        {
            return FailedAuthenticationResponses.TooMany(context, wait);
        }
        var display = await tokens.ValidateAsync(token, ApiToken.DisplayKind, context.RequestAborted);
        if (display is null)
        {
            await failures.RecordFailureAsync(address, context.RequestAborted);
            await audit.RecordAsync("anonymous", address, "display.sign-in", null, AuditOutcome.Refused, "unknown or revoked display token");
            return TypedResults.LocalRedirect($"{LoginPath}?error=display");
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, display.Name),
            new(ClaimTypes.Role, DashboardRoles.Display),
            new(DashboardClaims.DisplayTokenId, display.Id.ToString(CultureInfo.InvariantCulture)),
        };
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
        await audit.RecordAsync($"display:{display.Id}", address, "display.sign-in", display.Name, AuditOutcome.Allowed, null);
        return TypedResults.LocalRedirect(DisplayLanding(context.Request.QueryString));
    }

    /// <summary>
    /// The screen with the settings its link carries (panels, rotation, focus, replay, culture): the same query on this
    /// site's /display, which no query can turn into another site's address.
    /// </summary>
    public static string DisplayLanding(QueryString query)
    {
        var landing = DisplayScreenPath + query.ToUriComponent();
        return LocalOnly(landing) == landing ? landing : DisplayScreenPath;
    }

    /// <summary>
    /// Only paths of this site: a sign-in link must not become an open redirect. No control characters either: browsers
    /// drop tabs and line breaks from a URL ("/\t/evil.example" is "//evil.example" to them), and a redirect cannot carry them.
    /// </summary>
    public static string LocalOnly(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.Any(char.IsControl)
            ? url
            : "/";
}
