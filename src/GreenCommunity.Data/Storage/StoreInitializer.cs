using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Reference;

namespace GreenCommunity.Data.Storage;

/// <summary>What start-up found and did to the store.</summary>
public sealed record StoreInitialization(bool CreatedDatabase, IReadOnlyList<string> MigrationsApplied, bool ReferenceLoaded, int DemoReports);

/// <summary>
/// Brings the store up to date at start-up: schema, reference data, and on a brand-new database in demo
/// mode, the demo campaign history.
/// </summary>
public sealed class StoreInitializer(SqliteConnectionFactory database, DatabaseMigrator migrator, ReferenceDataLoader referenceData, DemoCampaignPlayer demo)
{
    public async Task<StoreInitialization> InitializeAsync(bool playDemo, int demoSeed, IProgress<(int Sent, int Total)>? progress, CancellationToken cancellationToken)
    {
        var created = !File.Exists(database.DatabasePath);
        var applied = await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var loaded = await referenceData.LoadIfEmptyAsync(cancellationToken).ConfigureAwait(false);
        var demoReports = created && playDemo
            ? await demo.PlayAsync(demoSeed, progress, cancellationToken).ConfigureAwait(false)
            : 0;
        return new StoreInitialization(created, applied, loaded, demoReports);
    }
}
