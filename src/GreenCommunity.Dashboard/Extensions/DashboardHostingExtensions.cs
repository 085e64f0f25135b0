using GreenCommunity.Dashboard.Api;
using GreenCommunity.Dashboard.Components;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Live;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Communities;
using Microsoft.AspNetCore.Authentication;
using GreenCommunity.Dashboard.Configuration;
using GreenCommunity.Dashboard.Health;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace GreenCommunity.Dashboard.Extensions;

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

        var services = builder.Services;
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
        services.AddOptions<AssetsOptions>().BindConfiguration(AssetsOptions.SectionName);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => SqliteConnectionFactory.ForDirectory(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectoryFullPath));
        services.AddSingleton(sp => CampaignDefinition.Parse(File.ReadAllText(sp.GetRequiredService<IOptions<AssetsOptions>>().Value.CampaignFileFullPath)));
        services.AddSingleton(sp => new ReferenceDataFiles(sp.GetRequiredService<IOptions<AssetsOptions>>().Value.Directory));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<ReferenceDataLoader>();
        services.AddSingleton<ReportWriter>();
        services.AddSingleton<DemoCampaignPlayer>();
        services.AddSingleton<StoreInitializer>();
        services.AddSingleton<RegionQueries>();
        services.AddSingleton<ProgressQueries>();
        services.AddSingleton<ProgressReader>();
        services.AddSingleton<ReportQueries>();
        services.AddSingleton<CommunityQueries>();
        services.AddSingleton<ApiTokenStore>();
        services.AddSingleton<DemoCredentials>();
        services.AddSingleton<LiveFeedQueries>();
        services.AddSingleton<ReportIntake>();
        services.AddSingleton<ProgressNotifier>();
        services.AddSingleton<HubSubscriptions>();
        services.AddHostedService<HubBroadcaster>();
        services.AddHostedService<DemoLiveFeed>();
        services.AddTransient<OverviewModelBuilder>();

        services.AddAuthentication(ApiAuthentication.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiAuthentication.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiAuthentication.Policy, p => p.AddAuthenticationSchemes(ApiAuthentication.Scheme).RequireAuthenticatedUser());
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddSignalR();

        // Chinese text as text in the HTML, not as &#x...; entities (pages are a third the size and readable).
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddLocalization();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddTransient<MudLocalizer, DashboardMudLocalizer>();
        return builder;
    }

    /// <summary>Schema, reference data and (on a new database in demo mode) the demo history, before the app listens.</summary>
    public static async Task InitializeStoreAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("GreenCommunity.Startup");
        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        var database = app.Services.GetRequiredService<SqliteConnectionFactory>();
        StartupLog.Database(logger, database.DatabasePath);
        var lastShown = -1;
        var progress = new Progress<(int Sent, int Total)>(p =>
        {
            var percent = p.Sent * 100 / p.Total;
            if (percent / 10 != lastShown / 10)
            {
                lastShown = percent;
                StartupLog.DemoProgress(logger, p.Sent, p.Total, percent);
            }
        });
        var started = TimeProvider.System.GetTimestamp();
        var result = await app.Services.GetRequiredService<StoreInitializer>().InitializeAsync(demo.Enabled, demo.Seed, progress, cancellationToken);
        var elapsed = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        if (result.DemoCredentialsFile is { } file)
        {
            StartupLog.DemoCredentials(logger, file);
        }
        StartupLog.StoreReady(logger, elapsed, result.CreatedDatabase, result.MigrationsApplied.Count, result.ReferenceLoaded, result.DemoReports);
    }

    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);

    public static WebApplication MapDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        // API and hub errors without a body become problem details; pages get the not-found page.
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseRequestLocalization(options =>
        {
            options.SetDefaultCulture(DashboardCultures.Chinese)
                .AddSupportedCultures(DashboardCultures.Supported)
                .AddSupportedUICultures(DashboardCultures.Supported);
            options.ApplyCurrentCultureToResponseHeaders = true;
            // Chinese unless the user chose English: the browser's Accept-Language does not decide.
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        app.UseCultureFromQuery();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz");
        app.MapOpenApi();
        app.MapGroup("/api/v1").RequireAuthorization(ApiAuthentication.Policy).MapReportsApi().MapProgressApi();
        app.MapHub<ProgressHub>(ProgressHub.Path);
        app.MapCultureEndpoints();
        app.MapTemplateEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
