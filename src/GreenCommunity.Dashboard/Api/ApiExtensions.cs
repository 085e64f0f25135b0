using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Security;
using Microsoft.AspNetCore.Authentication;

namespace GreenCommunity.Dashboard.Api;

/// <summary>The HTTP API under /api/v1: bearer tokens, its policy, problem details, the OpenAPI document, and its endpoints.</summary>
public static class ApiExtensions
{
    private const string Prefix = "/api/v1";

    public static IServiceCollection AddDashboardApi(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiAuthentication.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiAuthentication.Policy, p => p.AddAuthenticationSchemes(ApiAuthentication.Scheme).RequireAuthenticatedUser());
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddCommunityListApi();
        return services;
    }

    /// <summary>/openapi/v1.json, open to all; /api/v1/*, for a valid token within its rate limit.</summary>
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi().AllowAnonymous();
        endpoints.MapGroup(Prefix)
            .RequireAuthorization(ApiAuthentication.Policy)
            .RequireRateLimiting(RateLimits.Api)
            .MapReportsApi()
            .MapProgressApi()
            .MapAcceptanceApi()
            .MapInspectionsApi()
            .MapBulletinsApi()
            .MapDemonstrationApi();
        // The community list is read by tokens and by the list page's download link (a session), so it has its own policy.
        endpoints.MapGroup(Prefix)
            .RequireAuthorization(CommunityListApi.Policy)
            .RequireRateLimiting(RateLimits.Api)
            .MapCommunityListApi();
        return endpoints;
    }
}
