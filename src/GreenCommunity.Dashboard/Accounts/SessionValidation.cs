using System.Security.Claims;
using GreenCommunity.Data.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>
/// Checks one session against the store: a disabled account or a changed password (its security stamp changed) or a
/// revoked token ends the session at its next request (and a hub's next call); <see cref="SessionSweeper"/> ends the
/// open pages and hub connections on it.
/// </summary>
public sealed class SessionValidation(UserStore users, ApiTokenStore tokens)
{
    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var credential = SessionCredential.From(principal);
        if (credential?.TokenId is { } tokenId)
        {
            var token = await tokens.GetAsync(tokenId, cancellationToken);
            var display = principal.HasClaim(c => c.Type == DashboardClaims.DisplayTokenId);
            return token is { RevokedAt: null } && token.IsDisplay == display;
        }
        if (credential?.UserId is { } userId)
        {
            var user = await users.GetAsync(userId, cancellationToken);
            return user is { Disabled: false } && user.SecurityStamp == credential.SecurityStamp;
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
