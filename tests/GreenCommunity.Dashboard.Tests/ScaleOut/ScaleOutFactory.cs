using GreenCommunity.Dashboard.Tests.Shared;

namespace GreenCommunity.Dashboard.Tests.ScaleOut;

/// <summary>
/// One of several dashboard servers: the seeded demo store (so every instance has the same tokens) and, when given,
/// <c>ConnectionStrings:Redis</c>, and any other settings a test names (tight rate limits, a PostgreSQL store). Each
/// instance has its own data directory: on the seeded SQLite store a report posted to one reaches another only through
/// the backplane.
/// </summary>
public sealed class ScaleOutFactory : DashboardFactory
{
    public ScaleOutFactory(string? redis, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(base.Settings);
        if (redis is not null)
        {
            all["ConnectionStrings:Redis"] = redis;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        Settings = all;
    }

    protected override IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>An instance already started (store copied, hosted services running, tokens on disk).</summary>
    public static async Task<ScaleOutFactory> StartAsync(string? redis, IReadOnlyDictionary<string, string>? settings = null)
    {
        var factory = new ScaleOutFactory(redis, settings);
        await factory.InitializeAsync();
        return factory;
    }
}
