using System.Globalization;
using System.Security.Claims;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>
/// What an open session stands on: a token (an API token of a hub connection, or a display screen's token) or an
/// account with the security stamp it signed in with. Revoking the token, disabling the account or changing its
/// password (a new stamp) ends every session on it.
/// </summary>
public sealed record SessionCredential(long? TokenId, long? UserId, string? SecurityStamp)
{
    /// <summary>The credential a signed-in principal stands on, or null when it has none (anonymous).</summary>
    public static SessionCredential? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        if (Id(user, ApiAuthentication.TokenIdClaim) is { } apiToken)
        {
            return new SessionCredential(apiToken, null, null);
        }
        if (Id(user, DashboardClaims.DisplayTokenId) is { } displayToken)
        {
            return new SessionCredential(displayToken, null, null);
        }
        return Id(user, DashboardClaims.UserId) is { } userId
            ? new SessionCredential(null, userId, user.FindFirstValue(DashboardClaims.SecurityStamp))
            : null;
    }

    /// <summary>Whether it still holds, given the live tokens and the enabled accounts' stamps.</summary>
    public bool Holds(IReadOnlySet<long> liveTokens, IReadOnlyDictionary<long, string> enabledStamps) =>
        TokenId is { } token ? liveTokens.Contains(token)
        : UserId is { } user && enabledStamps.TryGetValue(user, out var stamp) && stamp == SecurityStamp;

    private static long? Id(ClaimsPrincipal user, string claim) =>
        long.TryParse(user.FindFirstValue(claim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
