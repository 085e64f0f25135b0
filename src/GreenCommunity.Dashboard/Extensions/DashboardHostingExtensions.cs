using GreenCommunity.Dashboard.Acceptance;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Admin;
using GreenCommunity.Dashboard.Api;
using GreenCommunity.Dashboard.Bulletins;
using GreenCommunity.Dashboard.Compliance;
using GreenCommunity.Dashboard.Components;
using GreenCommunity.Dashboard.Demo;
using GreenCommunity.Dashboard.Demonstration;
using GreenCommunity.Dashboard.DepartmentReports;
using GreenCommunity.Dashboard.Health;
using GreenCommunity.Dashboard.Inspections;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Live;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Dashboard.ScaleOut;
using GreenCommunity.Dashboard.Security;
using GreenCommunity.Dashboard.Storage;

namespace GreenCommunity.Dashboard.Extensions;

/// <summary>The app composed of its features; each feature's services and endpoints are wired in its own folder.</summary>
public static class DashboardHostingExtensions
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Everything the dashboard needs, registered once; tests override configuration, not wiring.</summary>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        // Static web assets (_framework, MudBlazor) from the build output in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services
            .AddDashboardStorage()
            .AddReportIntake()
            .AddAcceptanceReview()
            .AddLivePush()          // hosted services start in the order registered: the broadcaster, the demo feed, the live view
            .AddDemoFeed()
            .AddLiveView()
            .AddScaleOut()          // after the live view: other servers' reports are published to it
            .AddReportingCompliance()
            .AddDepartmentReports()
            .AddInspections()
            .AddBulletins()
            .AddDashboardMaps()
            .AddDemonstration()
            .AddDashboardViewModels()
            .AddDashboardAccounts()
            .AddDashboardAdministration()
            .AddDashboardApi()
            .AddDashboardRateLimits()
            .AddDashboardHealthChecks()
            .AddDashboardComponents()
            .AddDashboardLocalization();
        return builder;
    }

    /// <summary>The middleware, in order, and every feature's endpoints.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        // Before the status code pages: a re-executed not-found page keeps the request's language (its ?culture= is gone).
        app.UseDashboardLocalization();
        // Pages get the not-found page. At the top level, not in a UseWhen branch: only there does WebApplication route the
        // re-executed /not-found (a branch does not inherit its route builder, and the page came back empty).
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseNotFoundPageForGetOnly();
        // Inside it, API and hub errors without a body become problem details first, so the page above leaves them alone.
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseSecurityHeaders();
        app.UseCultureFromQuery();
        app.UseNotFoundForUnknownAddresses();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapDashboardHealthChecks();
        app.MapDashboardApi();
        app.MapLivePush();
        app.MapCultureEndpoints();
        app.MapTemplateEndpoints();
        app.MapDistrictWorkbook();
        app.MapAccountEndpoints();
        app.MapReportingCompliance();
        app.MapBulletinWorkbook();
        app.MapDashboardComponents();
        return app;
    }

    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);
}
