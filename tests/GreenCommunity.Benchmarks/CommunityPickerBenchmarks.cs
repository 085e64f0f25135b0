using BenchmarkDotNet.Attributes;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Communities;
using GreenCommunity.Data.Demo;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Startup;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using Microsoft.Data.Sqlite;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// The submit page's community picker for Wuhan (1,531 communities of Hubei's 5,222): a keystroke searched with one
/// SQL query (the picker before issue 11, the baseline) against the same search over the locality's communities
/// read once per page; and that one read. A whole code of another locality costs one lookup by key.
/// </summary>
[MemoryDiagnoser]
public class CommunityPickerBenchmarks
{
    private const string Wuhan = "420100";

    private string _directory = null!;
    private CommunityQueries _queries = null!;
    private CommunityDirectory _communities = null!;

    /// <summary>A name's first character (many matches), a town, a code's prefix (as typed so far).</summary>
    [Params("幸", "街道", "42010200")]
    public string Typed { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "gc-bench-" + Guid.NewGuid().ToString("N"));
        var assets = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");
        var campaign = CampaignDefinition.Parse(File.ReadAllText(Path.Combine(assets, "campaigns", "hubei-2021-2022.json")));
        var database = SqliteConnectionFactory.ForDirectory(_directory);
        using (var writer = new ReportWriter(database, campaign))
        {
            var clock = TimeProvider.System;
            new StoreInitializer(database, new DatabaseMigrator(database), new ReferenceDataLoader(database, new ReferenceDataFiles(assets)),
                    new DemoCampaignPlayer(database, writer, campaign), new DemoCredentials(database, new ApiTokenStore(database, clock), new UserStore(database, clock)))
                .InitializeAsync(playDemo: false, demoSeed: 2021, null, CancellationToken.None).GetAwaiter().GetResult();
        }
        _queries = new CommunityQueries(database);
        _communities = CommunityDirectory.LoadAsync(_queries, Wuhan, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Before: every keystroke (after the debounce) ran this query.</summary>
    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<CommunitySearchResult>> KeystrokeBySql() => _queries.SearchAsync(Wuhan, Typed, CommunityDirectory.MaxOptions, CancellationToken.None);

    /// <summary>Now: a keystroke searches the communities the page read once.</summary>
    [Benchmark]
    public List<CommunitySearchResult> KeystrokeInMemory() => _communities.Search(Typed).ToList();

    /// <summary>Now, once per page (and per locality a province user picks): the locality's communities and their stages.</summary>
    [Benchmark]
    public Task<CommunityDirectory> LoadOncePerPage() => CommunityDirectory.LoadAsync(_queries, Wuhan, CancellationToken.None);
}
