using System.Globalization;
using System.Security.Claims;
using GreenCommunity.Data.Access;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>The cookie session's principal for an account: at sign-in, and again after a password change (its new stamp).</summary>
public static class UserPrincipal
{
    public static ClaimsPrincipal For(UserAccount user)
    {
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
        if (user.Department is { } department)
        {
            claims.Add(new Claim(DashboardClaims.Department, department));
        }
        if (user.MustChangePassword)
        {
            claims.Add(new Claim(DashboardClaims.MustChangePassword, "1"));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>True while an administrator's password must be replaced: until then only the password page is open.</summary>
    public static bool MustChangePassword(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == DashboardClaims.MustChangePassword);
}
