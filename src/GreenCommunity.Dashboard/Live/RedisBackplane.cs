using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GreenCommunity.Dashboard.Live;

/// <summary>
/// Several servers: with <c>ConnectionStrings:Redis</c> set, what <see cref="ProgressHub"/> sends goes through Redis
/// pub/sub (the SignalR Redis backplane), so that a hub client connected to one server hears a report that another
/// accepted. Without it nothing changes: one server, no Redis.
/// </summary>
public static class RedisBackplaneExtensions
{
    /// <summary>
    /// Only the progress hub goes through Redis. Blazor circuits stay on the server the proxy pinned them to and are
    /// never sent to from another, so they neither need Redis nor stop when it does.
    /// </summary>
    public static ISignalRServerBuilder AddRedisBackplane(this ISignalRServerBuilder signalR)
    {
        var services = signalR.Services;
        services.AddSingleton<RedisBackplane>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisBackplane>());
        // Read from configuration when the app is built, not when it is composed: settings added later (tests, the host) count.
        services.AddOptions<RedisOptions>().Configure<RedisBackplane>((options, backplane) => backplane.Configure(options));
        services.AddSingleton<HubLifetimeManager<ProgressHub>>(sp => sp.GetRequiredService<RedisBackplane>().IsConfigured
            ? new RedisHubLifetimeManager<ProgressHub>(
                sp.GetRequiredService<ILogger<RedisHubLifetimeManager<ProgressHub>>>(),
                sp.GetRequiredService<IOptions<RedisOptions>>(),
                sp.GetRequiredService<IHubProtocolResolver>(),
                sp.GetRequiredService<IOptions<HubOptions>>(),
                sp.GetRequiredService<IOptions<HubOptions<ProgressHub>>>())
            : new DefaultHubLifetimeManager<ProgressHub>(sp.GetRequiredService<ILogger<DefaultHubLifetimeManager<ProgressHub>>>()));
        return signalR;
    }
}

/// <summary>
/// The server's Redis connection for its own use (the shared rate limits), opened at start: a connection string that is
/// malformed or names a Redis that does not answer stops the start with a message naming the setting. SignalR's lifetime
/// manager opens its own through <see cref="Configure"/> and disposes it itself; each connection has one owner, so the
/// order in which the host disposes them does not matter. Once connected, the client reconnects
/// by itself when Redis goes away (about a second after it is back, here). Meanwhile the hub's pushes are lost, this
/// server's clients' too (every broadcast goes through Redis; the broadcaster logs the failure); reports and pages go on.
/// </summary>
public sealed partial class RedisBackplane(IConfiguration configuration, ILogger<RedisBackplane> logger) : IHostedService, IAsyncDisposable
{
    public const string ConnectionStringName = "Redis";

    /// <summary>Every channel name starts with it, so that other applications on the same Redis are not mixed in.</summary>
    public static readonly RedisChannel ChannelPrefix = RedisChannel.Literal("GreenCommunity");

    private readonly Lock _lock = new();
    private Task<IConnectionMultiplexer>? _connection;

    private string? ConnectionString => configuration.GetConnectionString(ConnectionStringName);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>Whether the connection is up now (false before the start, while Redis is away, or without Redis).</summary>
    public bool IsConnected => Connection is { IsConnected: true };

    internal void Configure(RedisOptions options)
    {
        options.Configuration = ParseConnectionString();
        options.Configuration.ChannelPrefix = ChannelPrefix;
        options.ConnectionFactory = ConnectOnceAsync;   // the lifetime manager's own connection: it disposes it
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            return;
        }
        var connection = await ConnectAsync().WaitAsync(cancellationToken);
        var endPoints = string.Join(", ", connection.GetEndPoints().Select(e => e.ToString()));   // once, at start
        BackplaneConnected(logger, endPoints, ChannelPrefix);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>This server's connection once it is open (it is opened at start); null before it or without Redis.</summary>
    public IConnectionMultiplexer? Connection => _connection is { IsCompletedSuccessfully: true } connection ? connection.Result : null;

    private Task<IConnectionMultiplexer> ConnectAsync()
    {
        lock (_lock)
        {
            return _connection ??= ConnectOnceAsync(null);
        }
    }

    private async Task<IConnectionMultiplexer> ConnectOnceAsync(TextWriter? log)
    {
        var options = ParseConnectionString();
        options.ChannelPrefix = ChannelPrefix;
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(options, log);
        }
        catch (RedisConnectionException ex)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName}: no Redis answered at {string.Join(", ", options.EndPoints)} ({ex.Message}). " +
                "Start Redis there, correct the setting, or remove it to run a single server without Redis.", ex);
        }
    }

    private ConfigurationOptions ParseConnectionString()
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(ConnectionString!);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not a Redis connection string (host:port[,option=value...]): {ex.Message}", ex);
        }
        if (options.EndPoints.Count == 0)
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} names no Redis server (host:port[,option=value...]).");
        }
        // The first connection must succeed (a bad setting stops the start, not a push later); AbortOnConnectFail only
        // governs that first attempt: once connected, the client reconnects by itself whatever its value.
        options.AbortOnConnectFail = true;
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { IsCompletedSuccessfully: true } connection)
        {
            await connection.Result.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SignalR backplane: Redis at {EndPoints}, channel prefix {ChannelPrefix}")]
    private static partial void BackplaneConnected(ILogger logger, string endPoints, RedisChannel channelPrefix);
}
