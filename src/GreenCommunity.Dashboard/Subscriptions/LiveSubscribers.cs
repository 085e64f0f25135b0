using System.Globalization;

namespace GreenCommunity.Dashboard.Subscriptions;

/// <summary>
/// The pages listening for changes. Each subscriber is called back off the publisher's thread, in the culture it
/// subscribed in: a page's render caused by a change must read its own language, not the language of whoever
/// sent the report (an API request is Chinese by default, the demo feed runs in the server's culture).
/// </summary>
public sealed partial class LiveSubscribers<T>(ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly List<Subscriber> _subscribers = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Calls back for every change until disposed; the caller's current culture and UI culture are kept for the callbacks.</summary>
    public IDisposable Add(Func<T, Task> callback)
    {
        var subscriber = new Subscriber(this, callback, CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        lock (_lock)
        {
            _subscribers.Add(subscriber);
        }
        return subscriber;
    }

    public void Publish(T change)
    {
        Subscriber[] current;
        lock (_lock)
        {
            current = [.. _subscribers];
        }
        foreach (var subscriber in current)
        {
            _ = InvokeAsync(subscriber, change);
        }
    }

    private async Task InvokeAsync(Subscriber subscriber, T change)
    {
        try
        {
            await Task.Yield();   // off the publisher's thread
            // Set inside this async flow only: it reaches the subscriber's awaits and its InvokeAsync renders, nothing else.
            CultureInfo.CurrentCulture = subscriber.Culture;
            CultureInfo.CurrentUICulture = subscriber.UICulture;
            await subscriber.Callback(change);
        }
#pragma warning disable CA1031 // A subscriber's failure is logged, never thrown into the publisher.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SubscriberFailed(logger, ex);
        }
    }

    private void Remove(Subscriber subscriber)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscriber);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live subscriber failed")]
    private static partial void SubscriberFailed(ILogger logger, Exception ex);

    private sealed class Subscriber(LiveSubscribers<T> owner, Func<T, Task> callback, CultureInfo culture, CultureInfo uiCulture) : IDisposable
    {
        public Func<T, Task> Callback { get; } = callback;

        public CultureInfo Culture { get; } = culture;

        public CultureInfo UICulture { get; } = uiCulture;

        public void Dispose() => owner.Remove(this);
    }
}
