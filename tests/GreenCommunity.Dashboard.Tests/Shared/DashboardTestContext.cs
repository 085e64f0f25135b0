using System.Globalization;
using Bunit;
using GreenCommunity.Dashboard.Acceptance;
using GreenCommunity.Dashboard.Bulletins;
using GreenCommunity.Dashboard.Compliance;
using GreenCommunity.Dashboard.Demonstration;
using GreenCommunity.Dashboard.DepartmentReports;
using GreenCommunity.Dashboard.Inspections;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Dashboard.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace GreenCommunity.Dashboard.Tests.Shared;

/// <summary>bunit with MudBlazor and the dashboard's own features, over the factory's running app and its seeded database.</summary>
public abstract class DashboardTestContext : BunitContext
{
    protected DashboardTestContext(DashboardFactory factory, string culture = DashboardCultures.Chinese)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        Factory = factory;
        DefaultWaitTimeout = TimeSpan.FromSeconds(30);   // a fresh factory computes its first snapshot; a loaded 2-core machine is slow
        JSInterop.Mode = JSRuntimeMode.Loose;
        // MudBlazor without transitions, and without a popover provider: a test renders a page, not the layout.
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddDashboardLocalization();
        // The app's own features over the factory's running app: its store, its intake and notifier, its live view, its map.
        Services.AddFromApp(factory.Services, features => features
            .AddDashboardStorage()
            .AddReportIntake()
            .AddAcceptanceReview()
            .AddLiveView()
            .AddReportingCompliance()
            .AddDepartmentReports()
            .AddInspections()
            .AddBulletins()
            .AddDashboardMaps()
            .AddDemonstration()
            .AddDashboardViewModels());
        // What a test must stand in for: there is no circuit, so no circuit handler notes the browser's address;
        // and the components' clock is a fake one, moved on by the test (each reading moves it a throttle interval,
        // so that a page's coalescing of live changes never holds a test back).
        Services.AddScoped<Accounts.ClientAddress>();
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) { AutoAdvanceAmount = Subscriptions.CallbackThrottler.DefaultInterval };
        Services.AddSingleton<TimeProvider>(Clock);
        Authorization = AddAuthorization();
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    protected DashboardFactory Factory { get; }

    /// <summary>The components' clock (the app behind them keeps the real one).</summary>
    protected FakeTimeProvider Clock { get; }

    protected Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }

    /// <summary>Signs the test in as a demo account's role (and locality, for a coordinator).</summary>
    protected void SignInAs(string userName, string role, string? locality = null)
    {
        Authorization.SetAuthorized(userName);
        Authorization.SetRoles(role);
        var claims = new List<System.Security.Claims.Claim> { new(Accounts.DashboardClaims.UserId, "1") };
        if (locality is not null)
        {
            claims.Add(new(Accounts.DashboardClaims.Locality, locality));
        }
        Authorization.SetClaims([.. claims]);
    }
}
