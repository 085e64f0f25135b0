using System.Text.Json;
using GreenCommunity.Dashboard.ScaleOut;
using GreenCommunity.Dashboard.Subscriptions;

namespace GreenCommunity.Dashboard.Bulletins;

/// <summary>A bulletin just published: what the notice on every open page names and links to.</summary>
public sealed record BulletinNotice(string BulletinId, string Month, int Year, int Number);

/// <summary>
/// Tells every open page (each circuit's notice in the layout) that a bulletin was published, on this server and,
/// through <see cref="ServerChanges"/>, on the others on the same store.
/// </summary>
public sealed class BulletinNotices
{
    private const string Kind = "bulletin";

    private readonly LiveSubscribers<BulletinNotice> _subscribers;
    private readonly ServerChanges _servers;

    public BulletinNotices(ServerChanges servers, ILogger<BulletinNotices> logger)
    {
        _subscribers = new(logger);
        _servers = servers;
        servers.OnHeard(Kind, detail =>
        {
            if (JsonSerializer.Deserialize<BulletinNotice>(detail) is { } notice)
            {
                _subscribers.Publish(notice);
            }
        });
    }

    public int SubscriberCount => _subscribers.Count;

    /// <summary>Hears every publishing until disposed, in the subscriber's culture.</summary>
    public IDisposable Subscribe(Func<BulletinNotice, Task> onPublished) => _subscribers.Add(onPublished);

    /// <summary>A bulletin published here.</summary>
    public void Announce(BulletinNotice notice)
    {
        _subscribers.Publish(notice);
        _servers.Tell(Kind, JsonSerializer.Serialize(notice));
    }
}
