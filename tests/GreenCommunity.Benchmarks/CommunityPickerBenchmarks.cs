using BenchmarkDotNet.Attributes;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Data.Communities;

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

    private SeededStore _store = null!;
    private CommunityQueries _queries = null!;
    private CommunityDirectory _communities = null!;

    /// <summary>A name's first character (many matches), a town, a code's prefix (as typed so far).</summary>
    [Params("幸", "街道", "42010200")]
    public string Typed { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _store = SeededStore.Create();
        _queries = new CommunityQueries(_store.Database);
        _communities = CommunityDirectory.LoadAsync(_queries, Wuhan, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

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
