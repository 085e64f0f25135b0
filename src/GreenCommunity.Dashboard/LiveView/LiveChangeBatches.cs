using GreenCommunity.Dashboard.Subscriptions;

namespace GreenCommunity.Dashboard.LiveView;

/// <summary>
/// One page's share of the live view: the changes are collected as they come and handed over together at most once per
/// <see cref="CallbackThrottler.DefaultInterval"/>, so that a burst of reports costs a page one render, not one each.
/// </summary>
public sealed class LiveChangeBatches : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<LiveChange> _changes = [];
    private readonly Func<IReadOnlyList<LiveChange>, Task> _apply;
    private readonly CallbackThrottler _throttler;
    private readonly IDisposable _subscription;

    /// <param name="apply">Gets the changes since the last call, oldest first (never none).</param>
    public LiveChangeBatches(LiveProgress live, TimeProvider clock, Func<IReadOnlyList<LiveChange>, Task> apply)
    {
        _apply = apply;
        _throttler = new CallbackThrottler(DrainAsync, CallbackThrottler.DefaultInterval, clock);
        _subscription = live.Subscribe(OnChangeAsync);
    }

    private Task OnChangeAsync(LiveChange change)
    {
        lock (_lock)
        {
            _changes.Add(change);
        }
        _throttler.Trigger();
        return Task.CompletedTask;
    }

    private Task DrainAsync()
    {
        List<LiveChange> changes;
        lock (_lock)
        {
            changes = [.. _changes];
            _changes.Clear();
        }
        return changes.Count == 0 ? Task.CompletedTask : _apply(changes);
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _throttler.Dispose();
    }
}
