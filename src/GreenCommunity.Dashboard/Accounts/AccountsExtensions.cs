using GreenCommunity.Data.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>
/// Sign-in and roles for the pages: cookie sessions of local accounts (and display screens), the role policies, the
/// audit, who is on a circuit, and the one check that ends open pages and hub connections whose credential is gone.
/// The API's bearer tokens are the API's (<see cref="Api.ApiExtensions"/>).
/// </summary>
public static class AccountsExtensions
{
    public static IServiceCollection AddDashboardAccounts(this IServiceCollection services)
    {
        services.AddSingleton<AuditRecorder>();
        services.AddSingleton<SessionValidation>();
        services.AddSingleton<CredentialQueries>();
        services.AddSingleton<OpenSessions>();
        services.AddHostedService<SessionSweeper>();
        services.AddOptions<FailedAuthenticationOptions>().BindConfiguration(FailedAuthenticationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FailedAuthenticationLimiter>();
        services.AddHttpContextAccessor();
        services.AddScoped<ClientAddress>();
        services.AddScoped<CircuitHandler, ClientAddressCircuitHandler>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();

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
                options.Events.OnSigningIn = DisplaySession.OnSigningInAsync;
                options.Events.OnRedirectToAccessDenied = RedirectToPasswordOrDenied;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPolicies.Admin, p => p.RequireRole(DashboardRoles.Admin).RequireOwnPassword())
            .AddPolicy(DashboardPolicies.Reporter, p => p.RequireRole(DashboardRoles.Admin, DashboardRoles.Coordinator).RequireOwnPassword())
            .AddPolicy(DashboardPolicies.Staff, p => p.RequireRole(DashboardRoles.Admin, DashboardRoles.Coordinator, DashboardRoles.Viewer, DashboardRoles.Department).RequireOwnPassword())
            .AddPolicy(DashboardPolicies.Screen, p => p.RequireRole(DashboardRoles.Admin, DashboardRoles.Coordinator, DashboardRoles.Viewer, DashboardRoles.Department, DashboardRoles.Display).RequireOwnPassword())
            .AddPolicy(DashboardPolicies.Session, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser())
            .AddPolicy(DashboardPolicies.Account, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireClaim(DashboardClaims.UserId))
            // Every endpoint and page wants a session unless it says otherwise (AllowAnonymous, or the API's policy).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser().RequireOwnPassword().Build());
        return services;
    }

    /// <summary>Until a password an administrator set is changed, the password page is the only one open.</summary>
    private static AuthorizationPolicyBuilder RequireOwnPassword(this AuthorizationPolicyBuilder policy) =>
        policy.RequireAssertion(context => !context.User.MustChangePassword());

    /// <summary>Refused only for want of an own password: go and choose one, then come back.</summary>
    private static Task RedirectToPasswordOrDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (context.HttpContext.User.MustChangePassword())
        {
            var request = context.Request;
            context.RedirectUri = PasswordEndpoints.PageFor(request.PathBase + request.Path + request.QueryString);
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
