using Dapper;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Startup;

/// <summary>What start-up found and did to the store.</summary>
/// <param name="DemoCredentialsFile">Where the demo tokens were written; null outside demo mode or on an existing database.</param>
public sealed record StoreInitialization(bool CreatedDatabase, IReadOnlyList<string> MigrationsApplied, bool ReferenceLoaded, int DemoReports, string? DemoCredentialsFile);

/// <summary>
/// Brings the store up to date at start-up: schema, reference data, and on a brand-new database in demo
/// mode, the demo campaign history. It sits above Storage, Reference and Demo so that Storage depends on neither.
/// With <paramref name="national"/> the store holds the country (or some provinces) instead of Hubei.
/// </summary>
public sealed class StoreInitializer(StoreDatabase database, DatabaseMigrator migrator, ReferenceDataLoader referenceData, DemoCampaignPlayer demo, DemoCredentials credentials,
    NationalContent? national = null)
{
    private const string RegionCountSql = "SELECT COUNT(*) FROM regions";

    public async Task<StoreInitialization> InitializeAsync(bool playDemo, int demoSeed, IProgress<(int Sent, int Total)>? progress, CancellationToken cancellationToken)
    {
        var applied = await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var created = applied.Count > 0 && applied[0] == DatabaseMigrator.ScriptsOf(database.Engine)[0];   // the schema began now
        var loaded = national is null
            ? await referenceData.LoadIfEmptyAsync(cancellationToken).ConfigureAwait(false)
            : await LoadNationalIfEmptyAsync(national, cancellationToken).ConfigureAwait(false);
        // A store from before the county timeline, or reference data just loaded: the timeline of every county, once.
        await CountyTimelineSql.RebuildIfEmptyAsync(database, cancellationToken).ConfigureAwait(false);
        // A store from before the region timeline (its counties' timeline there already): the regions' from it, once.
        await RegionTimelineSql.RebuildIfEmptyAsync(database, cancellationToken).ConfigureAwait(false);
        if (loaded)
        {
            // Statistics of the tables just filled, before the first report is planned on them (the demo's among them).
            await PlannerStatistics.RefreshAsync(database, cancellationToken).ConfigureAwait(false);
        }
        if (!created || !playDemo)
        {
            return new StoreInitialization(created, applied, loaded, 0, null);
        }
        var demoReports = national is null
            ? await demo.PlayAsync(demoSeed, progress, cancellationToken).ConfigureAwait(false)
            : (await national.History.WriteAsync(demoSeed, cancellationToken).ConfigureAwait(false)).Reports;
        if (national is null)
        {
            await PlannerStatistics.RefreshAsync(database, cancellationToken).ConfigureAwait(false);   // the history grew from nothing (the national one refreshes its own)
        }
        var credentialsFile = await credentials.CreateAsync(cancellationToken).ConfigureAwait(false);
        return new StoreInitialization(created, applied, loaded, demoReports, credentialsFile);
    }

    private async Task<bool> LoadNationalIfEmptyAsync(NationalContent content, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            var regions = await connection.ExecuteScalarAsync<long>(new CommandDefinition(RegionCountSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (regions > 0)
            {
                return false;
            }
        }
        await content.Loader.LoadAsync(content.Provinces, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
