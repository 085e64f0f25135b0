using GreenCommunity.Dashboard.Subscriptions;

namespace GreenCommunity.Dashboard.Bulletins;

/// <summary>A bulletin just published: what the notice on every open page names and links to.</summary>
public sealed record BulletinNotice(string BulletinId, string Month, int Year, int Number);

/// <summary>Tells every open page (each circuit's notice in the layout) that a bulletin was published.</summary>
public sealed class BulletinNotices(ILogger<BulletinNotices> logger)
{
    private readonly LiveSubscribers<BulletinNotice> _subscribers = new(logger);

    public int SubscriberCount => _subscribers.Count;

    /// <summary>Hears every publishing until disposed, in the subscriber's culture.</summary>
    public IDisposable Subscribe(Func<BulletinNotice, Task> onPublished) => _subscribers.Add(onPublished);

    public void Announce(BulletinNotice notice) => _subscribers.Publish(notice);
}
