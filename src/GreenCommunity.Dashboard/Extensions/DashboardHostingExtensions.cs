using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Admin;
using GreenCommunity.Dashboard.Api;
using GreenCommunity.Dashboard.Security;
using GreenCommunity.Data.Audit;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using GreenCommunity.Dashboard.Components;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Live;
using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Communities;
using Microsoft.AspNetCore.Authentication;
using GreenCommunity.Dashboard.Configuration;
using GreenCommunity.Dashboard.Health;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Startup;
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
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AssetsOptions>().BindConfiguration(AssetsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AssetsOptions>, AssetsOptionsValidator>();

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
        services.AddSingleton<PresentDay>();
        services.AddSingleton<ProgressReader>();
        services.AddSingleton<ReportQueries>();
        services.AddSingleton<CommunityQueries>();
        services.AddSingleton<ApiTokenStore>();
        services.AddSingleton<DemoCredentials>();
        services.AddSingleton<LiveFeedQueries>();
        services.AddSingleton<ReportIntake>();
        services.AddSingleton<WorkbookIntake>();
        services.AddSingleton<ReportProblemTexts>();
        services.AddSingleton<ProgressNotifier>();
        services.AddSingleton<HubSubscriptions>();
        services.AddHostedService<HubBroadcaster>();
        services.AddHostedService<DemoLiveFeed>();
        services.AddSingleton<MapGeometry>();
        services.AddSingleton<ProgressHistoryQueries>();
        services.AddSingleton<GreenCommunity.Data.Standard.CriteriaQueries>();
        services.AddSingleton<SnapshotReader>();
        services.AddSingleton<SnapshotBuilder>();
        services.AddSingleton<LiveProgress>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveProgress>());
        services.AddSingleton<MapViewBuilder>();

        services.AddSingleton<UserStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditRecorder>();
        services.AddSingleton<SessionValidation>();
        services.AddSingleton<AccountAdministration>();
        services.AddHttpContextAccessor();
        services.AddScoped<ClientAddress>();
        services.AddScoped<CircuitHandler, ClientAddressCircuitHandler>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();

        // Pages: cookie sessions of local accounts (and display screens). API and hub: bearer tokens.
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
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiAuthentication.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiAuthentication.Policy, p => p.AddAuthenticationSchemes(ApiAuthentication.Scheme).RequireAuthenticatedUser())
            .AddPolicy(DashboardPolicies.Admin, p => p.RequireRole(DashboardRoles.Admin))
            .AddPolicy(DashboardPolicies.Reporter, p => p.RequireRole(DashboardRoles.Admin, DashboardRoles.Coordinator))
            .AddPolicy(DashboardPolicies.Staff, p => p.RequireRole(DashboardRoles.Admin, DashboardRoles.Coordinator, DashboardRoles.Viewer))
            .AddPolicy(DashboardPolicies.Screen, p => p.RequireRole(DashboardRoles.Admin, DashboardRoles.Coordinator, DashboardRoles.Viewer, DashboardRoles.Display))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build());
        services.AddDashboardRateLimits();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddSignalR();

        // Chinese text as text in the HTML, not as &#x...; entities (pages are a third the size and readable).
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddSingleton<StoreProbe>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddLocalization();
        services.AddRazorComponents().AddInteractiveServerComponents(CircuitSettings.Apply);
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
        var credentials = app.Services.GetRequiredService<DemoCredentials>().FilePath;
        if (demo.Enabled && File.Exists(credentials))
        {
            StartupLog.DemoCredentials(logger, credentials);   // where, never what: the secrets stay in the file
        }
        StartupLog.StoreReady(logger, elapsed, result.CreatedDatabase, result.MigrationsApplied.Count, result.ReferenceLoaded, result.DemoReports);
    }

    /// <summary>Creates a province administrator with the password read from standard input; returns the exit code.</summary>
    public static Task<int> CreateAdministratorAsync(this WebApplication app, string userName, TextReader input) =>
        CreateAdministratorAsync(app.Services, userName, input);

    public static async Task<int> CreateAdministratorAsync(IServiceProvider services, string userName, TextReader input)
    {
        var password = (await input.ReadLineAsync())?.Trim() ?? "";
        try
        {
            var account = await services.GetRequiredService<UserStore>().CreateAsync(userName, userName, UserAccount.AdminRole, null, password, CancellationToken.None);
            await services.GetRequiredService<AuditRecorder>().RecordAsync("command-line", null, "account.create", account.UserName, AuditOutcome.Allowed, "first administrator");
            await Console.Out.WriteLineAsync($"Created administrator '{account.UserName}'.");
            return 0;
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"Not created: {ex.Message}");
            return 2;
        }
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
        app.UseSecurityHeaders();
        app.UseCultureFromQuery();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapGroup("/api/v1").RequireAuthorization(ApiAuthentication.Policy).RequireRateLimiting(RateLimits.Api).MapReportsApi().MapProgressApi();
        app.MapHub<ProgressHub>(ProgressHub.Path);
        app.MapCultureEndpoints();
        app.MapTemplateEndpoints();
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
