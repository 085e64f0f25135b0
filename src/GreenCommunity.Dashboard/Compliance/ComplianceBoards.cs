using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Subscriptions;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Standard;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reporting;

namespace GreenCommunity.Dashboard.Compliance;

/// <summary>
/// The compliance grid of a day, computed once and shared by every page (and the export). Today's is recomputed once per
/// change of the live view that brought reports (or a new day), then handed to every subscriber; a past day's cannot change
/// (a report received now is not known on an earlier day) and is cached.
/// </summary>
public sealed partial class ComplianceBoards : IDisposable
{
    /// <summary>Past days kept (shared links, the date picker); the least recently asked for goes first.</summary>
    public const int PastDaysKept = 32;

    private readonly ComplianceQueries _receipts;
    private readonly UnmetCountQueries _unmet;
    private readonly ProgressReader _regions;
    private readonly Campaign _campaign;
    private readonly LiveProgress _live;
    private readonly ILogger<ComplianceBoards> _logger;
    private readonly LiveSubscribers<ComplianceSnapshot> _subscribers;
    private readonly IDisposable _changes;
    private readonly SemaphoreSlim _gate = new(1, 1);   // one recomputation of today at a time, in order
    private readonly Lock _lock = new();
    private readonly Dictionary<DateOnly, (Task<ComplianceSnapshot> Snapshot, long LastUsed)> _past = [];
    private Task<ComplianceSnapshot>? _today;
    private long _uses;
    private long _recomputations;

    public ComplianceBoards(ComplianceQueries receipts, UnmetCountQueries unmet, ProgressReader regions, Campaign campaign, LiveProgress live, ILogger<ComplianceBoards> logger)
    {
        _receipts = receipts;
        _unmet = unmet;
        _regions = regions;
        _campaign = campaign;
        _live = live;
        _logger = logger;
        _subscribers = new LiveSubscribers<ComplianceSnapshot>(logger);
        _changes = live.Subscribe(OnLiveChangeAsync);
    }

    public DateOnly Today => _live.Today;

    public Campaign Campaign => _campaign;

    /// <summary>How many grids were computed: the cost every page shares.</summary>
    public long Recomputations => Interlocked.Read(ref _recomputations);

    /// <summary>Hears each new grid of today, in the subscriber's culture, until disposed.</summary>
    public IDisposable Subscribe(Func<ComplianceSnapshot, Task> onChange) => _subscribers.Add(onChange);

    /// <summary>The grid of a day: today's for null, today or later; a past day's from the cache.</summary>
    public Task<ComplianceSnapshot> GetAsync(DateOnly? day, CancellationToken cancellationToken)
    {
        var today = Today;
        lock (_lock)
        {
            if (day is not { } past || past >= today)
            {
                if (_today is not { } current || current.IsFaulted || current.IsCompletedSuccessfully && current.Result.Day != today)
                {
                    // Not the caller's token: the grid is shared, and one page leaving must not cancel it for the others.
                    _today = current = Task.Run(() => BuildAsync(today, CancellationToken.None));
                }
                return current.WaitAsync(cancellationToken);
            }
            var use = ++_uses;
            if (!_past.TryGetValue(past, out var entry) || entry.Snapshot.IsFaulted)
            {
                entry = (Task.Run(() => BuildAsync(past, CancellationToken.None)), use);
            }
            _past[past] = (entry.Snapshot, use);
            while (_past.Count > PastDaysKept)
            {
                _past.Remove(_past.MinBy(p => p.Value.LastUsed).Key);
            }
            return entry.Snapshot.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Reports arrived (or a new day began): today's grid once for everyone, then every subscriber told.</summary>
    private async Task OnLiveChangeAsync(LiveChange change)
    {
        var today = change.Current.Day;
        if (change.Arrived.Count == 0 && _today is { IsCompletedSuccessfully: true } known && known.Result.Day == today)
        {
            return;   // nothing that a report duty depends on changed
        }
        await _gate.WaitAsync();
        try
        {
            if (change.Arrived.Select(n => ChinaTime.DateAt(n.ReceivedAt)).DefaultIfEmpty(today).Min() is var from && from < today)
            {
                ForgetFrom(from);   // a receipt dated before today (a test's clock, a replayed store): those days changed
            }
            var fresh = BuildAsync(today, CancellationToken.None);
            lock (_lock)
            {
                _today = fresh;
            }
            _subscribers.Publish(await fresh);
        }
#pragma warning disable CA1031 // Logged; pages keep the last grid and the next change retries.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RecomputationFailed(_logger, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void ForgetFrom(DateOnly from)
    {
        lock (_lock)
        {
            foreach (var day in _past.Keys.Where(d => d >= from).ToList())
            {
                _past.Remove(day);
            }
        }
    }

    private async Task<ComplianceSnapshot> BuildAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var localities = (await _regions.GetRegionsAsync(cancellationToken)).Where(r => r.Level == RegionLevel.Prefecture).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        var receipts = await _receipts.FirstReceiptsAsync(ChinaTime.StartOfDay(day.AddDays(1)), cancellationToken);
        var unmet = day >= Today ? await _unmet.StartedWithUnmetAsync(cancellationToken) : new Dictionary<string, int>();
        Interlocked.Increment(ref _recomputations);
        return new ComplianceSnapshot(ComplianceBoard.Build(_campaign, day, localities.Select(l => l.Code), receipts), localities, unmet);
    }

    public void Dispose()
    {
        _changes.Dispose();
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The compliance grid could not be recomputed; pages keep the last one until the next report")]
    private static partial void RecomputationFailed(ILogger logger, Exception ex);
}
