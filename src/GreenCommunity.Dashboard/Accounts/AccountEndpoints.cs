using System.Globalization;
using System.Security.Claims;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Audit;
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
    public const string SignInRateLimit = "sign-in";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(LoginPath, SignInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit).ExcludeFromDescription();
        endpoints.MapPost(LogoutPath, SignOutAsync).ExcludeFromDescription();
        endpoints.MapGet(DisplayPath, DisplayAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<RedirectHttpResult> SignInAsync(HttpContext context, [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
        UserStore users, AuditRecorder audit)
    {
        var back = LocalOnly(returnUrl);
        var outcome = string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password)
            ? new SignInOutcome(SignInStatus.UnknownUser, null)
            : await users.SignInAsync(userName, password, context.RequestAborted);
        var address = context.Connection.RemoteIpAddress?.ToString();
        if (outcome.Status != SignInStatus.Succeeded)
        {
            await audit.RecordAsync($"user:{userName}", address, "sign-in", userName, AuditOutcome.Refused, outcome.Status.ToString());
            var reason = outcome.Status == SignInStatus.LockedOut ? "locked" : outcome.Status == SignInStatus.Disabled ? "disabled" : "failed";
            return TypedResults.LocalRedirect($"{LoginPath}?error={reason}&returnUrl={Uri.EscapeDataString(back)}");
        }
        var user = outcome.User!;
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.GivenName, user.DisplayName),
            new(ClaimTypes.Role, user.Role),
            new(DashboardClaims.UserId, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(DashboardClaims.SecurityStamp, user.SecurityStamp),
        };
        if (user.Locality is { } locality)
        {
            claims.Add(new Claim(DashboardClaims.Locality, locality));
        }
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
        await audit.RecordAsync($"user:{user.UserName}", address, "sign-in", user.UserName, AuditOutcome.Allowed, user.Role);
        return TypedResults.LocalRedirect(back);
    }

    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext context, AuditRecorder audit)
    {
        await audit.RecordAsync(context.User, context.Connection.RemoteIpAddress?.ToString(), "sign-out", context.User.Identity?.Name, AuditOutcome.Allowed, null);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect(LoginPath);
    }

    /// <summary>A meeting-room screen opens /display/{token}: a read-only session that ends when the token is revoked.</summary>
    private static async Task<RedirectHttpResult> DisplayAsync(HttpContext context, string token, ApiTokenStore tokens, AuditRecorder audit)
    {
        var display = await tokens.ValidateAsync(token, ApiToken.DisplayKind, context.RequestAborted);
        var address = context.Connection.RemoteIpAddress?.ToString();
        if (display is null)
        {
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
        return TypedResults.LocalRedirect("/");
    }

    /// <summary>Only paths of this site: a sign-in link must not become an open redirect.</summary>
    public static string LocalOnly(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl) ? url : "/";   // a control character cannot go into a Location header
}
