using System.Globalization;
using System.Security.Claims;
using GreenCommunity.Data.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>
/// Checks a session against the store: a disabled account (its security stamp changed) or a revoked display
/// token ends the session at its next request, and on the open circuit within the revalidation interval.
/// </summary>
public sealed class SessionValidation(UserStore users, ApiTokenStore tokens)
{
    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (long.TryParse(principal.FindFirstValue(DashboardClaims.DisplayTokenId), NumberStyles.None, CultureInfo.InvariantCulture, out var tokenId))
        {
            var token = await tokens.GetAsync(tokenId, cancellationToken);
            return token is { RevokedAt: null, IsDisplay: true };
        }
        if (principal.UserId() is { } userId)
        {
            var user = await users.GetAsync(userId, cancellationToken);
            return user is { Disabled: false } && user.SecurityStamp == principal.FindFirstValue(DashboardClaims.SecurityStamp);
        }
        return false;
    }

    /// <summary>The cookie handler's hook: reject the cookie when the session is no longer valid.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var validation = context.HttpContext.RequestServices.GetRequiredService<SessionValidation>();
        if (context.Principal is null || !await validation.IsValidAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
