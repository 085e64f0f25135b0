using System.Security.Claims;

namespace GreenCommunity.Dashboard.Accounts;

public static class DepartmentPrincipal
{
    /// <summary>
    /// The department whose annual report and plan this user sends: a department account's own; null for everyone else
    /// (the administrator, coordinators, viewers, displays and tokens send no department's texts).
    /// </summary>
    public static string? DepartmentScope(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.IsInRole(DashboardRoles.Department) && user.FindFirstValue(ApiAuthentication.ScopeClaim) is null
            ? user.FindFirstValue(DashboardClaims.Department)
            : null;
}
