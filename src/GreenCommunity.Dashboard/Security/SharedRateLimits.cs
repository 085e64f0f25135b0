using System.Diagnostics;
using System.Threading.RateLimiting;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Live;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GreenCommunity.Dashboard.Security;

/// <summary>A window's count after this request, and how long the window has left.</summary>
public readonly record struct WindowCount(long Count, TimeSpan Remaining);

/// <summary>
/// Several servers, one budget: with <c>ConnectionStrings:Redis</c> set, each request's fixed window is counted in Redis
/// (one atomic INCR with its expiry per partition and window, keys <c>gc:rl:{policy}:{partition}</c>), on the
/// server's Redis connection opened at start (<see cref="RedisBackplane.Connection"/>). A Redis that does not answer within
/// <see cref="RateLimitOptions.RedisTimeoutMilliseconds"/> (or is disconnected) is not asked again for
/// <see cref="Pause"/>: meanwhile each server counts alone (<see cref="SharedWindowLimiter"/>'s in-process window).
/// A request is never failed or held up longer by Redis; the outage is logged once, and its end once. Timeouts and the
/// pause run on the real clock (a network wait), not on the app's <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class SharedRateWindows(RedisBackplane backplane, IOptions<RateLimitOptions> limits,
    ILogger<SharedRateWindows> logger) : ISharedFailureCounts
{
    public const string KeyPrefix = "gc:rl:";

    /// <summary>The key's policy part for invalid tokens per address (<c>gc:rl:auth-failures:{address}</c>).</summary>
    public const string FailuresKey = "auth-failures";

    /// <summary>After Redis failed to answer, how long the servers count alone before asking it again.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(5);

    /// <summary>
    /// INCRBY, then the window's expiry if the key has none (a new window): atomic, so two servers cannot both start a
    /// window or leave a key without expiry. Returns the count and the milliseconds the window has left.
    /// </summary>
    private const string CountScript =
        """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        local left = redis.call('PTTL', KEYS[1])
        if left < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          left = tonumber(ARGV[2])
        end
        return {count, left}
        """;

    private long _askAgainAt;
    private int _unavailable;

    /// <summary>Whether the limits are shared at all (<c>ConnectionStrings:Redis</c> is set).</summary>
    public bool IsConfigured => backplane.IsConfigured;

    /// <summary>One invalid token from <paramref name="address"/>, for <see cref="FailedAuthenticationLimiter"/>.</summary>
    public async ValueTask<(long Count, TimeSpan Remaining)?> CountFailureAsync(string address, TimeSpan window, CancellationToken cancellationToken) =>
        await CountAsync($"{FailuresKey}:{address}", 1, window, cancellationToken) is { } count ? (count.Count, count.Remaining) : null;

    /// <summary>Adds <paramref name="permits"/> to the window of <paramref name="key"/>; null when Redis cannot say now.</summary>
    public async ValueTask<WindowCount?> CountAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken)
    {
        if (Stopwatch.GetTimestamp() < Interlocked.Read(ref _askAgainAt))
        {
            return null;   // Redis failed lately: count alone until the pause ends
        }
        if (backplane.Connection is not { IsConnected: true } connection)
        {
            return Unavailable(null);
        }
        Task<RedisResult>? counting = null;
        try
        {
            counting = connection.GetDatabase().ScriptEvaluateAsync(CountScript, [KeyPrefix + key], [permits, (long)window.TotalMilliseconds]);
            var result = (RedisResult[])(await counting.WaitAsync(TimeSpan.FromMilliseconds(limits.Value.RedisTimeoutMilliseconds), cancellationToken))!;
            if (Interlocked.Exchange(ref _unavailable, 0) == 1)
            {
                SharedAgain(logger);
            }
            return new WindowCount((long)result[0], TimeSpan.FromMilliseconds((long)result[1]));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidCastException or ObjectDisposedException)
        {
            // A command abandoned on time out still ends (answered or timed out by the client): observe it quietly.
            _ = counting?.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return Unavailable(ex);
        }
    }

    private WindowCount? Unavailable(Exception? error)
    {
        Interlocked.Exchange(ref _askAgainAt, Stopwatch.GetTimestamp() + (long)(Pause.TotalSeconds * Stopwatch.Frequency));
        if (Interlocked.Exchange(ref _unavailable, 1) == 0)
        {
            CountingAlone(logger, (int)Pause.TotalSeconds, error);
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Rate limits: Redis did not answer; this server counts its own requests until it does (asked again every {PauseSeconds} s)")]
    private static partial void CountingAlone(ILogger logger, int pauseSeconds, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limits: Redis answers again; the servers share one budget")]
    private static partial void SharedAgain(ILogger logger);
}

/// <summary>
/// One partition's fixed window (a client, an address) counted in Redis through <see cref="SharedRateWindows"/>, with
/// an in-process window of the same size for the moments Redis does not answer. It decides only asynchronously: the
/// synchronous attempt always declines, so that the rate-limiting middleware asks <see cref="AcquireAsyncCore"/>.
/// </summary>
public sealed class SharedWindowLimiter : ReplenishingRateLimiter
{
    private static readonly RateLimitLease s_declined = new WindowLease(false, null);
    private static readonly RateLimitLease s_granted = new WindowLease(true, null);

    private readonly SharedRateWindows _windows;
    private readonly string _key;
    private readonly int _permits;
    private readonly TimeSpan _window;
    private readonly FixedWindowRateLimiter _alone;
    private long _lastUsed = Stopwatch.GetTimestamp();

    public SharedWindowLimiter(SharedRateWindows windows, string key, int permits, TimeSpan window)
    {
        (_windows, _key, _permits, _window) = (windows, key, permits, window);
        _alone = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = false,   // replenished with this limiter by the partitioned limiter's timer
        });
    }

    /// <summary>Idle (and so dropped by the partitioned limiter) when neither Redis nor the in-process window was used lately.</summary>
    public override TimeSpan? IdleDuration => _alone.IdleDuration is { } alone
        ? TimeSpan.FromTicks(Math.Min(alone.Ticks, Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed)).Ticks))
        : null;

    public override bool IsAutoReplenishing => false;

    public override TimeSpan ReplenishmentPeriod => _alone.ReplenishmentPeriod;

    public override bool TryReplenish() => _alone.TryReplenish();

    /// <summary>This server's in-process window (the one used while Redis does not answer).</summary>
    public override RateLimiterStatistics? GetStatistics() => _alone.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => s_declined;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        if (await _windows.CountAsync(_key, permitCount, _window, cancellationToken) is not { } shared)
        {
            return await _alone.AcquireAsync(permitCount, cancellationToken);
        }
        return shared.Count <= _permits ? s_granted : new WindowLease(false, shared.Remaining);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _alone.Dispose();
        }
        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _alone.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
