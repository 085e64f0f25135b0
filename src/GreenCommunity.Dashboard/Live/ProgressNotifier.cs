namespace GreenCommunity.Dashboard.Live;

/// <summary>
/// The one in-process channel for "a report has been committed". Subscribers (Blazor components, the hub
/// broadcaster) are called off the publisher's path; a failing subscriber never fails the intake.
/// </summary>
public sealed partial class ProgressNotifier(ILogger<ProgressNotifier> logger)
{
    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscriptions = [];

    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscriptions.Count;
            }
        }
    }

    /// <summary>Calls back for every committed report until the returned subscription is disposed.</summary>
    public IDisposable Subscribe(Func<ReportNotice, Task> callback)
    {
        var subscription = new Subscription(this, callback);
        lock (_lock)
        {
            _subscriptions.Add(subscription);
        }
        return subscription;
    }

    public void Publish(ReportNotice notice)
    {
        Subscription[] current;
        lock (_lock)
        {
            current = [.. _subscriptions];
        }
        foreach (var subscription in current)
        {
            _ = InvokeAsync(subscription, notice);
        }
    }

    private async Task InvokeAsync(Subscription subscription, ReportNotice notice)
    {
        try
        {
            await Task.Yield();   // off the publisher's thread
            await subscription.Callback(notice);
        }
#pragma warning disable CA1031 // A subscriber's failure is logged, never thrown into the intake.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SubscriberFailed(logger, ex, notice.ReportId);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscription);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A progress subscriber failed on report {ReportId}")]
    private static partial void SubscriberFailed(ILogger logger, Exception ex, string reportId);

    private sealed class Subscription(ProgressNotifier owner, Func<ReportNotice, Task> callback) : IDisposable
    {
        public Func<ReportNotice, Task> Callback { get; } = callback;

        public void Dispose() => owner.Remove(this);
    }
}
