using GreenCommunity.Data.Access;
using GreenCommunity.Data.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>
/// A user changes their own password (the page posts here with its antiforgery token). The new security stamp ends the
/// account's other sessions; this one is signed in again with it, and without the must-change mark.
/// </summary>
public static class PasswordEndpoints
{
    public const string PasswordPath = "/account/password";

    /// <summary>The error codes the page shows a text for.</summary>
    public const string Mismatch = "mismatch";

    public static IEndpointRouteBuilder MapPasswordEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(PasswordPath, ChangeAsync).RequireAuthorization(DashboardPolicies.Account)
            .RequireRateLimiting(AccountEndpoints.SignInRateLimit).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The password page, coming back to <paramref name="returnUrl"/> once the password is changed.</summary>
    public static string PageFor(string returnUrl, string? error = null) =>
        $"{PasswordPath}?{(error is null ? "" : $"error={error}&")}returnUrl={Uri.EscapeDataString(AccountEndpoints.LocalOnly(returnUrl))}";

    public static string Code(PasswordChangeStatus status) => status switch
    {
        PasswordChangeStatus.WrongCurrentPassword => "current",
        PasswordChangeStatus.TooShort => "short",
        PasswordChangeStatus.TooLong => "long",
        PasswordChangeStatus.SameAsUserName => "username",
        PasswordChangeStatus.SameAsCurrent => "same",
        _ => "failed",
    };

    private static async Task<RedirectHttpResult> ChangeAsync(HttpContext context, [FromForm] string? currentPassword, [FromForm] string? newPassword,
        [FromForm] string? repeatPassword, [FromForm] string? returnUrl, UserStore users, AuditRecorder audit)
    {
        var back = AccountEndpoints.LocalOnly(returnUrl);
        var address = ClientAddress.Of(context);
        var userId = context.User.UserId()!.Value;   // the Account policy wants one
        var name = context.User.Identity?.Name;
        if (newPassword != repeatPassword)
        {
            await audit.RecordAsync(context.User, address, "password.change", name, AuditOutcome.Refused, "the two new passwords differ");
            return TypedResults.LocalRedirect(PageFor(back, Mismatch));
        }
        var outcome = await users.ChangePasswordAsync(userId, currentPassword ?? "", newPassword ?? "", CancellationToken.None);
        if (outcome.Status != PasswordChangeStatus.Changed)
        {
            await audit.RecordAsync(context.User, address, "password.change", name, AuditOutcome.Refused, outcome.Status.ToString());
            return TypedResults.LocalRedirect(PageFor(back, Code(outcome.Status)));
        }
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserPrincipal.For(outcome.User!));
        await audit.RecordAsync(context.User, address, "password.change", name, AuditOutcome.Allowed, null);
        return TypedResults.LocalRedirect(back);
    }
}
