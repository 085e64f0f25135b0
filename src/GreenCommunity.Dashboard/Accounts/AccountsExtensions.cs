using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>
/// Sign-in and roles for the pages: cookie sessions of local accounts (and display screens), the role policies, the
/// audit, and who is on a circuit. The API's bearer tokens are the API's (<see cref="Api.ApiExtensions"/>).
/// </summary>
public static class AccountsExtensions
{
    public static IServiceCollection AddDashboardAccounts(this IServiceCollection services)
    {
        services.AddSingleton<AuditRecorder>();
        services.AddSingleton<SessionValidation>();
        services.AddHttpContextAccessor();
        services.AddScoped<ClientAddress>();
        services.AddScoped<CircuitHandler, ClientAddressCircuitHandler>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = AccountEndpoints.LoginPath;
                options.AccessDeniedPath = AccountEndpoints.DeniedPath;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Cookie.Name = "gc.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Events.OnValidatePrincipal = SessionValidation.ValidatePrincipalAsync;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPolicies.Admin, p => p.RequireRole(DashboardRoles.Admin))
            .AddPolicy(DashboardPolicies.Reporter, p => p.RequireRole(DashboardRoles.Admin, DashboardRoles.Coordinator))
            .AddPolicy(DashboardPolicies.Staff, p => p.RequireRole(DashboardRoles.Admin, DashboardRoles.Coordinator, DashboardRoles.Viewer))
            .AddPolicy(DashboardPolicies.Screen, p => p.RequireRole(DashboardRoles.Admin, DashboardRoles.Coordinator, DashboardRoles.Viewer, DashboardRoles.Display))
            // Every endpoint and page wants a session unless it says otherwise (AllowAnonymous, or the API's policy).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build());
        return services;
    }
}
