using System.Security.Claims;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Data.Access;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.DepartmentReports;

/// <summary>The principals of the demo's accounts as a signed-in session has them (claims from the store), and a display screen's.</summary>
internal static class DepartmentPrincipals
{
    public const string DisplayName = "display";

    public static async Task<ClaimsPrincipal> ForAsync(IServiceProvider app, string userName)
    {
        if (userName == DisplayName)
        {
            return new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, "display"), new Claim(ClaimTypes.Role, DashboardRoles.Display), new Claim(DashboardClaims.DisplayTokenId, "1")], "test"));
        }
        var account = (await app.GetRequiredService<UserStore>().ListAsync(CancellationToken.None)).Single(a => a.UserName == userName);
        return UserPrincipal.For(account);
    }
}
