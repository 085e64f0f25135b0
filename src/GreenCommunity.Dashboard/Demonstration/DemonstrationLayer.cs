using System.Runtime.CompilerServices;
using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Dashboard.ScaleOut;
using GreenCommunity.Data.Demonstration;

namespace GreenCommunity.Dashboard.Demonstration;

/// <summary>A marker of the map's demonstration layer: a region holding bases, its label point and how many it holds.</summary>
public sealed record BaseMarker(string Code, string Name, double X, double Y, int Count);

/// <summary>
/// The map's demonstration layer, once per change for every page: the current bases are counted in one read when a page
/// first asks after a change (a designation or a withdrawal), and each map's markers are placed once per count and map.
/// A report changes nothing here, so the live path never touches it. A change another server on the same store made
/// empties the counts here too (<see cref="ServerChanges"/>).
/// </summary>
public sealed class DemonstrationLayer
{
    private const string Kind = "demonstration";

    private readonly Lock _lock = new();
    private readonly DemonstrationQueries _queries;
    private readonly ServerChanges _servers;
    private Task<BaseCounts>? _counts;
    private long _version;

    public DemonstrationLayer(DemonstrationQueries queries, ServerChanges servers)
    {
        _queries = queries;
        _servers = servers;
        servers.OnHeard(Kind, _ => Forget());
    }

    private event Action? Changed;

    /// <summary>The counts of the current bases (read again after <see cref="Invalidate"/>).</summary>
    public Task<BaseCounts> GetAsync(CancellationToken cancellationToken)
    {
        Task<BaseCounts> counts;
        lock (_lock)
        {
            counts = _counts ??= LoadAsync(_version);
        }
        return counts.WaitAsync(cancellationToken);
    }

    /// <summary>Bases changed here: the next reader counts them again, every open map with the layer on is told, and the other servers.</summary>
    public void Invalidate()
    {
        Forget();
        _servers.Tell(Kind);
    }

    private void Forget()
    {
        lock (_lock)
        {
            _version++;
            _counts = null;
        }
        Changed?.Invoke();
    }

    /// <summary>Calls <paramref name="onChanged"/> after each change until disposed.</summary>
    public IDisposable Subscribe(Action onChanged)
    {
        Changed += onChanged;
        return new Subscription(() => Changed -= onChanged);
    }

    private async Task<BaseCounts> LoadAsync(long version)
    {
        try
        {
            return new BaseCounts(await _queries.CountsAsync(CancellationToken.None));
        }
        catch
        {
            // A failed read is not kept: the next reader tries again.
            lock (_lock)
            {
                if (_version == version)
                {
                    _counts = null;
                }
            }
            throw;
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

/// <summary>The current bases counted by locality and by county-level unit, and the markers placed from them per map.</summary>
public sealed class BaseCounts
{
    private readonly ConditionalWeakTable<MapLayer, IReadOnlyList<BaseMarker>> _byLocality = [];
    private readonly ConditionalWeakTable<MapLayer, IReadOnlyList<BaseMarker>> _byCounty = [];

    public BaseCounts(IReadOnlyList<BaseCount> counts)
    {
        ByLocality = counts.GroupBy(c => c.Locality, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal);
        ByCounty = counts.GroupBy(c => c.County, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal);
        Total = counts.Sum(c => c.Count);
    }

    public IReadOnlyDictionary<string, int> ByLocality { get; }

    public IReadOnlyDictionary<string, int> ByCounty { get; }

    public int Total { get; }

    /// <summary>
    /// A marker at the label point of each region of <paramref name="layer"/> holding bases: localities on the province's map
    /// (<paramref name="byLocality"/>), county-level units on a locality's. Placed once per map outline and shared.
    /// </summary>
    public IReadOnlyList<BaseMarker> MarkersFor(MapLayer layer, bool byLocality)
    {
        var counts = byLocality ? ByLocality : ByCounty;
        return (byLocality ? _byLocality : _byCounty).GetValue(layer, l => l.Shapes
            .Where(s => counts.GetValueOrDefault(s.Code) > 0)
            .Select(s => new BaseMarker(s.Code, s.Name, s.LabelX, s.LabelY, counts[s.Code]))
            .ToList());
    }

    /// <summary>How many bases the regions with these codes hold in all (localities' codes, or county-level units').</summary>
    public int TotalIn(IEnumerable<string> codes, bool byLocality)
    {
        var counts = byLocality ? ByLocality : ByCounty;
        return codes.Sum(c => counts.GetValueOrDefault(c));
    }
}
