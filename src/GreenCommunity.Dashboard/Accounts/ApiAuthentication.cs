using System.Security.Claims;
using GreenCommunity.Data.Access;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>The names the bearer-token scheme uses, and how a request's scope is read back from its claims.</summary>
public static class ApiAuthentication
{
    public const string Scheme = "ApiToken";
    public const string Policy = "ApiClient";
    public const string ScopeClaim = "gc:scope";
    public const string ClientClaim = "gc:client";

    /// <summary>The token's id, so that an open hub connection can be ended when its token is revoked.</summary>
    public const string TokenIdClaim = "gc:token";

    public static SubmitterScope SubmitterScope(this ClaimsPrincipal user)
    {
        var scope = user.FindFirstValue(ScopeClaim) ?? throw new InvalidOperationException("The request has no scope claim.");
        return scope == ApiToken.ProvinceScope ? Domain.Reports.SubmitterScope.Province : Domain.Reports.SubmitterScope.ForLocality(scope);
    }

    public static string Client(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClientClaim) ?? throw new InvalidOperationException("The request has no client claim.");
}
