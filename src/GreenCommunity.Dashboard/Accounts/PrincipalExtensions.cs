using System.Globalization;
using System.Security.Claims;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Accounts;

public static class PrincipalExtensions
{
    /// <summary>
    /// Whose reports this user may send: the administrator reports for the province, a coordinator for its
    /// locality; viewers, display screens and anonymous users have no scope.
    /// </summary>
    public static SubmitterScope? ReportingScope(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        if (user.FindFirstValue(ApiAuthentication.ScopeClaim) is not null)
        {
            return user.SubmitterScope();   // an API token
        }
        if (user.IsInRole(DashboardRoles.Admin))
        {
            return SubmitterScope.Province;
        }
        return user.IsInRole(DashboardRoles.Coordinator) && user.FindFirstValue(DashboardClaims.Locality) is { } locality
            ? SubmitterScope.ForLocality(locality)
            : null;
    }

    /// <summary>How the audit log names whoever acts: "user:wuhan", "token:7", "display:3" or "anonymous".</summary>
    public static string Actor(this ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return "anonymous";
        }
        if (user.FindFirstValue(ApiAuthentication.ClientClaim) is { } client)
        {
            return client;
        }
        if (user.FindFirstValue(DashboardClaims.DisplayTokenId) is { } display)
        {
            return $"display:{display}";
        }
        return $"user:{user.Identity.Name}";
    }

    public static long? UserId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(DashboardClaims.UserId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
