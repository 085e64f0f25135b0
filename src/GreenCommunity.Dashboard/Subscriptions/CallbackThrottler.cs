namespace GreenCommunity.Dashboard.Subscriptions;

/// <summary>
/// Coalesces bursts: however often <see cref="Trigger"/> is called, the callback runs at most once per interval,
/// and a trigger that arrives while one is waiting is folded into it. The last trigger is never lost.
/// </summary>
public sealed class CallbackThrottler(Func<Task> callback, TimeSpan interval, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _disposed = new();
    private int _scheduled;
    private long _lastRun = long.MinValue;

    public void Trigger()
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _scheduled, 1) == 1)
        {
            return;   // a run is already waiting: it will see this change too
        }
        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            var last = Interlocked.Read(ref _lastRun);
            if (last != long.MinValue)
            {
                var wait = interval - clock.GetElapsedTime(last);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, _disposed.Token);
                }
            }
            // Clear before running, so that a trigger during the callback schedules the next run.
            Interlocked.Exchange(ref _scheduled, 0);
            Interlocked.Exchange(ref _lastRun, clock.GetTimestamp());
            await callback();
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // Disposed while waiting: nothing more to do.
        }
    }

    // Cancelled, not disposed: a late Trigger or a waiting run may still read the token.
    public void Dispose() => _disposed.Cancel();
}
