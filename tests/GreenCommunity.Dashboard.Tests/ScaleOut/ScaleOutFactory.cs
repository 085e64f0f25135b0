using GreenCommunity.Dashboard.Tests.Shared;

namespace GreenCommunity.Dashboard.Tests.ScaleOut;

/// <summary>
/// One of several dashboard servers: the seeded demo store (so every instance has the same tokens) and, when given,
/// <c>ConnectionStrings:Redis</c>. Each instance has its own data directory: a report posted to one reaches another
/// only through the backplane.
/// </summary>
public sealed class ScaleOutFactory : DashboardFactory
{
    public ScaleOutFactory(string? redis)
    {
        var settings = new Dictionary<string, string>(base.Settings);
        if (redis is not null)
        {
            settings["ConnectionStrings:Redis"] = redis;
        }
        Settings = settings;
    }

    protected override IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>An instance already started (store copied, hosted services running, tokens on disk).</summary>
    public static async Task<ScaleOutFactory> StartAsync(string? redis)
    {
        var factory = new ScaleOutFactory(redis);
        await factory.InitializeAsync();
        return factory;
    }
}
