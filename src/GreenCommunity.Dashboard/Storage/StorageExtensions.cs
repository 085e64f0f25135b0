using GreenCommunity.Dashboard.Configuration;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Actions;
using GreenCommunity.Data.Audit;
using GreenCommunity.Data.Communities;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Departments;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Standard;
using GreenCommunity.Data.Startup;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Regions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace GreenCommunity.Dashboard.Storage;

/// <summary>The store: its options, the SQLite file, the campaign and reference data it is built from, and the Data project's queries over it.</summary>
public static class StorageExtensions
{
    /// <summary>The application name the session cookies and antiforgery tokens are protected under, on every server.</summary>
    public const string DataProtectionApplicationName = "GreenCommunity.Dashboard";

    /// <summary>The folder of the data directory that holds the keys of cookies and antiforgery tokens.</summary>
    public const string KeysFolder = "keys";

    public static IServiceCollection AddDashboardStorage(this IServiceCollection services)
    {
        // The keys that protect session cookies live with the data, not in the service account's home folder: a restart,
        // a new container or a second process over the same data directory keeps everyone signed in.
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        // On PostgreSQL they live in the store, so that every server of a deployment shares them.
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, ILoggerFactory, IServiceProvider>((keys, storage, logs, services) =>
            keys.XmlRepository = storage.Value.Provider == StoreEngine.Postgres
                ? new StoreXmlRepository(services.GetRequiredService<ProtectionKeyStore>())
                : new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(storage.Value.DataDirectoryFullPath, KeysFolder)), logs));

        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .PostConfigure<IConfiguration>((storage, configuration) => storage.PostgresConnectionString = configuration.GetConnectionString(StorageOptions.PostgresConnectionName))
            .ValidateDataAnnotations()
            .Validate(storage => storage.Provider != StoreEngine.Postgres || !string.IsNullOrWhiteSpace(storage.PostgresConnectionString),
                "Storage:Provider is Postgres, but ConnectionStrings:Postgres is empty: give the PostgreSQL connection string.")
            .ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AssetsOptions>().BindConfiguration(AssetsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AssetsOptions>, AssetsOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => OpenStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => CampaignDefinition.Parse(File.ReadAllText(sp.GetRequiredService<IOptions<AssetsOptions>>().Value.CampaignFileFullPath)));
        services.AddSingleton(sp => new ReferenceDataFiles(sp.GetRequiredService<IOptions<AssetsOptions>>().Value.Directory));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<ReferenceDataLoader>();
        services.AddSingleton<ReportWriter>();
        services.AddSingleton<ActionWriter>();
        services.AddSingleton<DemoCampaignPlayer>();
        services.AddSingleton(sp => new StoreInitializer(sp.GetRequiredService<StoreDatabase>(), sp.GetRequiredService<DatabaseMigrator>(),
            sp.GetRequiredService<ReferenceDataLoader>(), sp.GetRequiredService<DemoCampaignPlayer>(), sp.GetRequiredService<DemoCredentials>(), NationalContentOf(sp)));
        services.AddSingleton<StoreProbe>();

        services.AddSingleton<RegionQueries>();
        services.AddSingleton<ProgressQueries>();
        services.AddSingleton<PresentDay>();
        services.AddSingleton<ProgressReader>();
        services.AddSingleton<ProgressHistoryQueries>();
        services.AddSingleton<CriteriaQueries>();
        services.AddSingleton<ReportQueries>();
        services.AddSingleton<CommunityQueries>();
        services.AddSingleton<CommunityRecordQueries>();
        services.AddSingleton<CommunityListQuery>();
        services.AddSingleton<LiveFeedQueries>();
        services.AddSingleton<DemoCredentials>();
        services.AddSingleton<ApiTokenStore>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<ProtectionKeyStore>();
        services.AddSingleton<DepartmentQueries>();   // the departments are reference data: accounts name them
        services.AddSingleton<AuditLog>();
        return services;
    }

    /// <summary>With Assets:Scope China, the national loader and demo history; otherwise none (Hubei's).</summary>
    private static NationalContent? NationalContentOf(IServiceProvider services)
    {
        var assets = services.GetRequiredService<IOptions<AssetsOptions>>().Value;
        if (assets.Scope != ReferenceScope.China)
        {
            return null;
        }
        var database = services.GetRequiredService<StoreDatabase>();
        return new NationalContent(new NationalReferenceLoader(database, new NationalDataFiles(assets.NationalDataFullPath)), assets.ProvinceCodes,
            new NationalDemoHistory(database, services.GetRequiredService<Campaign>(), services.GetRequiredService<TimeProvider>()));
    }

    private static StoreDatabase OpenStore(StorageOptions storage) => storage.Provider switch
    {
        StoreEngine.Postgres => new PostgresStore(storage.PostgresConnectionString!, storage.DataDirectoryFullPath),
        _ => SqliteStore.ForDirectory(storage.DataDirectoryFullPath),
    };

    /// <summary>Schema, reference data and (on a new database in demo mode) the demo history, before the app listens.</summary>
    public static async Task InitializeStoreAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("GreenCommunity.Startup");
        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        var database = app.Services.GetRequiredService<StoreDatabase>();
        StartupLog.Database(logger, database.Engine, database.Location);
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
        var regions = await app.Services.GetRequiredService<RegionQueries>().GetAllAsync(cancellationToken);
        if (StoreScopeCheck.Problem(app.Services.GetRequiredService<IOptions<AssetsOptions>>().Value,
                regions.Where(r => r.Level == RegionLevel.Province).Select(r => r.Code).ToList()) is { } mismatch)
        {
            throw new InvalidOperationException($"The store at {database.Location} does not fit the settings: {mismatch}");
        }
        var credentials = app.Services.GetRequiredService<DemoCredentials>().FilePath;
        if (demo.Enabled && File.Exists(credentials))
        {
            StartupLog.DemoCredentials(logger, credentials);   // where, never what: the secrets stay in the file
        }
        StartupLog.StoreReady(logger, elapsed, result.CreatedDatabase, result.MigrationsApplied.Count, result.ReferenceLoaded, result.DemoReports);
    }
}
