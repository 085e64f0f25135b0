using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Subscriptions;

namespace GreenCommunity.Dashboard.LiveView;

/// <summary>
/// The one shared live view. On each committed report (coalesced: at most one recomputation per
/// <see cref="CallbackThrottler.DefaultInterval"/>, whatever the report rate) it reads today's figures once, builds
/// an immutable <see cref="ProgressSnapshot"/> and publishes it to every open page; pages only render. Past days
/// are immutable until a report effective on or before them arrives: they are cached, and exactly those are dropped.
/// </summary>
public sealed partial class LiveProgress : BackgroundService
{
    /// <summary>Lines a page's feed shows.</summary>
    public const int FeedSize = 12;

    /// <summary>Reports kept for the feeds: enough that a locality's page, which shows only its own, has some to show.</summary>
    public const int FeedKept = 120;

    /// <summary>Past days kept (replay frames, shared links); the least recently asked for goes first.</summary>
    public const int PastDaysKept = 64;

    /// <summary>How long a recomputation waits after the report that triggers it.</summary>
    public static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(50);

    private readonly SnapshotReader _reader;
    private readonly SnapshotBuilder _builder;
    private readonly TimeProvider _clock;
    private readonly ILogger<LiveProgress> _logger;
    private readonly CallbackThrottler _throttler;
    private readonly IDisposable _notices;
    private readonly LiveSubscribers<LiveChange> _subscribers;
    private readonly SemaphoreSlim _gate = new(1, 1);   // one recomputation of today at a time
    private readonly Lock _lock = new();
    private readonly Queue<ReportNotice> _pending = new();
    private readonly Dictionary<DateOnly, (Task<ProgressSnapshot> Snapshot, long LastUsed)> _past = [];
    private Task<ProgressSnapshot>? _current;
    private ProgressSnapshot? _lastToday;
    private IReadOnlyList<FeedItem> _feed = [];
    private long _recomputations;
    private long _uses;

    public LiveProgress(SnapshotReader reader, SnapshotBuilder builder, ProgressNotifier notifier, TimeProvider clock, ILogger<LiveProgress> logger)
    {
        _reader = reader;
        _builder = builder;
        _clock = clock;
        _logger = logger;
        _subscribers = new LiveSubscribers<LiveChange>(logger);
        _throttler = new CallbackThrottler(RefreshAsync, CallbackThrottler.DefaultInterval, clock);
        _notices = notifier.Subscribe(OnReportAsync);
    }

    public DateOnly Today => _builder.Today;

    /// <summary>The latest reports, newest first, as of the last recomputation.</summary>
    public IReadOnlyList<FeedItem> Feed => Volatile.Read(ref _feed);

    /// <summary>How many times a snapshot (today's or a past day's) was computed: the cost the pages share.</summary>
    public long Recomputations => Interlocked.Read(ref _recomputations);

    public int SubscriberCount => _subscribers.Count;

    /// <summary>Hears every recomputation of today (and which past days it changed) until disposed, in the subscriber's culture.</summary>
    public IDisposable Subscribe(Func<LiveChange, Task> onChange) => _subscribers.Add(onChange);

    /// <summary>The snapshot of a day: today's live one for null, today or later; a past day's from the cache.</summary>
    public Task<ProgressSnapshot> GetAsync(DateOnly? day, CancellationToken cancellationToken)
    {
        var today = Today;
        if (day is not { } past || past >= today)
        {
            return CurrentAsync(cancellationToken);
        }
        lock (_lock)
        {
            var use = ++_uses;
            if (_past.TryGetValue(past, out var entry))
            {
                _past[past] = (entry.Snapshot, use);
                return entry.Snapshot.WaitAsync(cancellationToken);
            }
            // Not the caller's token: the snapshot is shared, and one page leaving must not cancel it for the others.
            var snapshot = BuildPastAsync(past);
            _past[past] = (snapshot, use);
            while (_past.Count > PastDaysKept)
            {
                _past.Remove(_past.MinBy(p => p.Value.LastUsed).Key);
            }
            _ = ForgetIfFailedAsync(past, snapshot);
            return snapshot.WaitAsync(cancellationToken);
        }
    }

    private async Task<ProgressSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        Task<ProgressSnapshot> current;
        lock (_lock)
        {
            current = _current ??= Task.Run(() => RecomputeTodayAsync([]));   // shared: not on the first page's circuit
        }
        try
        {
            var snapshot = await current.WaitAsync(cancellationToken);
            if (snapshot.Day != Today)
            {
                _throttler.Trigger();   // midnight in China has passed: the next recomputation is for the new day
            }
            return snapshot;
        }
        catch (Exception) when (current.IsFaulted)
        {
            lock (_lock)
            {
                if (_current == current)
                {
                    _current = null;   // the next page asks again rather than seeing the failure for ever
                }
            }
            throw;
        }
    }

    private Task OnReportAsync(ReportNotice notice)
    {
        lock (_lock)
        {
            _pending.Enqueue(notice);
        }
        _throttler.Trigger();
        return Task.CompletedTask;
    }

    /// <summary>At most once per throttle interval: today's figures read once, the past days a report changed dropped, every page told.</summary>
    private async Task RefreshAsync()
    {
        // A moment first: the hub's "reportReceived" fan-out to every connection goes out before the recomputation
        // competes with it for the cores, and reports arriving together are taken in one recomputation.
        await Task.Delay(SettleDelay, _clock);
        List<ReportNotice> arrived;
        lock (_lock)
        {
            arrived = [.. _pending];
            _pending.Clear();
        }
        try
        {
            var changedFrom = arrived.Where(n => n.EarliestEffective is not null).Select(n => n.EarliestEffective).Min();
            if (changedFrom is { } from && from < Today)
            {
                ForgetFrom(from);
            }
            else
            {
                changedFrom = null;
            }
            var task = RecomputeTodayAsync(arrived);
            lock (_lock)
            {
                _current = task;
            }
            var snapshot = await task;
            _subscribers.Publish(new LiveChange(snapshot, Feed, arrived, changedFrom));
        }
#pragma warning disable CA1031 // A failed recomputation is logged; the pages keep the last snapshot and the next report retries.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RecomputationFailed(_logger, ex);
        }
    }

    /// <summary>Drops every cached day on or after <paramref name="from"/>: a report effective then changed their figures.</summary>
    private void ForgetFrom(DateOnly from)
    {
        lock (_lock)
        {
            foreach (var day in _past.Keys.Where(d => d >= from).ToList())
            {
                _past.Remove(day);
            }
        }
        _builder.ForgetFrom(from);
    }

    private async Task<ProgressSnapshot> RecomputeTodayAsync(IReadOnlyList<ReportNotice> arrived)
    {
        await _gate.WaitAsync();
        try
        {
            if (_lastToday is null && Feed.Count == 0)
            {
                Volatile.Write(ref _feed, (await _reader.LatestReportsAsync(FeedKept, CancellationToken.None)).Select(FeedItem.From).ToList());
            }
            var snapshot = await _builder.TodayAsync(_lastToday, TouchedLocalities(arrived, _lastToday), CancellationToken.None);
            var fresh = arrived.Reverse().Select(FeedItem.From);
            Volatile.Write(ref _feed, fresh.Concat(Feed).DistinctBy(f => f.ReportId).Take(FeedKept).ToList());
            Interlocked.Increment(ref _recomputations);
            _lastToday = snapshot;
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The localities whose communities the reports changed (a report's own locality, and that of every county-level
    /// unit it touched); null when that cannot be told (no report: a new day, or the first snapshot): read everything.
    /// </summary>
    private static HashSet<string>? TouchedLocalities(IReadOnlyList<ReportNotice> arrived, ProgressSnapshot? previous)
    {
        if (arrived.Count == 0 || previous is null)
        {
            return null;
        }
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var notice in arrived)
        {
            foreach (var code in notice.Counties.Append(notice.Locality))
            {
                if (previous.Province.Localities().FirstOrDefault(l => l.Region.Code == code || l.Find(code) is not null) is not { } locality)
                {
                    return null;   // a region the tree does not know: read everything rather than guess
                }
                touched.Add(locality.Region.Code);
            }
        }
        return touched;
    }

    private async Task<ProgressSnapshot> BuildPastAsync(DateOnly day)
    {
        // On the thread pool: the caller holds the cache's lock, and a shared build must not run on one page's circuit.
        var snapshot = await Task.Run(() => _builder.PastAsync(day, CancellationToken.None)).ConfigureAwait(false);
        Interlocked.Increment(ref _recomputations);
        return snapshot;
    }

    private async Task ForgetIfFailedAsync(DateOnly day, Task<ProgressSnapshot> snapshot)
    {
        try
        {
            await snapshot;
        }
#pragma warning disable CA1031 // Whoever awaited it saw the failure; the cache only forgets it.
        catch (Exception)
#pragma warning restore CA1031
        {
            lock (_lock)
            {
                if (_past.TryGetValue(day, out var entry) && entry.Snapshot == snapshot)
                {
                    _past.Remove(day);
                }
            }
        }
    }

    /// <summary>Midnight in China: today's snapshot becomes yesterday's, and a new one is computed without waiting for a report.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WarmUpAsync();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), _clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (_lastToday is { } current && current.Day != Today)
            {
                _throttler.Trigger();
            }
        }
    }

    /// <summary>
    /// Today's figures computed as the server starts, so that the first page after a restart does not wait for them
    /// (seconds for the whole country). Not cancelled: a server stopping meanwhile waits for it, so that no read of the
    /// store outlives the host.
    /// </summary>
    private async Task WarmUpAsync()
    {
        try
        {
            await CurrentAsync(CancellationToken.None);
        }
#pragma warning disable CA1031 // A page asking later tries again; the failure is logged, the server keeps running.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RecomputationFailed(_logger, ex);
        }
    }

    public override void Dispose()
    {
        _notices.Dispose();
        _throttler.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The live view could not be recomputed; pages keep the last figures until the next report")]
    private static partial void RecomputationFailed(ILogger logger, Exception ex);
}
