using System.Globalization;
using Bunit;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Live;
using GreenCommunity.Data.Reports;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

using GreenCommunity.Dashboard;

namespace GreenCommunity.Dashboard.Tests.Shared;

/// <summary>bunit with MudBlazor and the dashboard's real data services, reading the factory's seeded database.</summary>
public abstract class DashboardTestContext : BunitContext
{
    protected DashboardTestContext(DashboardFactory factory, string culture = DashboardCultures.Chinese)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        Factory = factory;
        DefaultWaitTimeout = TimeSpan.FromSeconds(30);   // a fresh factory computes its first snapshot; a loaded 2-core machine is slow
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddLocalization();
        Services.AddTransient<MudLocalizer, DashboardMudLocalizer>();
        Services.AddSingleton(factory.Services.GetRequiredService<ReportQueries>());
        Services.AddSingleton(factory.Services.GetRequiredService<ProgressNotifier>());
        Services.AddSingleton(TimeProvider.System);
        foreach (var type in new[]
        {
            typeof(GreenCommunity.Dashboard.Intake.ReportIntake), typeof(Data.Progress.ProgressReader), typeof(Domain.Campaigns.Campaign),
            typeof(Data.Access.ApiTokenStore), typeof(Data.Communities.CommunityQueries), typeof(GreenCommunity.Dashboard.Maps.MapGeometry),
            typeof(Data.Progress.ProgressHistoryQueries), typeof(Data.Standard.CriteriaQueries), typeof(LiveView.LiveProgress),
            typeof(GreenCommunity.Dashboard.Maps.MapViewBuilder), typeof(GreenCommunity.Dashboard.Intake.WorkbookIntake), typeof(GreenCommunity.Dashboard.Localization.ReportProblemTexts),
        })
        {
            Services.AddSingleton(type, factory.Services.GetRequiredService(type));
        }
        Services.AddScoped<Accounts.ClientAddress>();
        Authorization = AddAuthorization();
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    protected DashboardFactory Factory { get; }

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
