using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>
/// A count of failures kept for every server (in Redis, by the shared rate limits), when there is one: the window's
/// count after this failure and its time left, or null when it cannot say now.
/// </summary>
public interface ISharedFailureCounts
{
    bool IsConfigured { get; }

    ValueTask<(long Count, TimeSpan Remaining)?> CountFailureAsync(string address, TimeSpan window, CancellationToken cancellationToken);
}

/// <summary>Section "RateLimits", key FailedAuthenticationsPerMinute: invalid tokens an address may send in a minute.</summary>
public sealed class FailedAuthenticationOptions
{
    public const string SectionName = "RateLimits";

    [Range(1, 1_000_000)]
    public int FailedAuthenticationsPerMinute { get; set; } = 30;
}

/// <summary>
/// Counts invalid tokens (API, hub, display links) per client address in one-minute windows. Once an address is over
/// the limit it is answered 429 with Retry-After before any database lookup, valid token or not, until its window
/// ends: guessing tokens costs the guesser time, not the store work. With several servers (<c>ConnectionStrings:Redis</c>)
/// each failure is also counted in Redis and the server takes the shared count as its own, so an address that spreads
/// its guesses over the servers is stopped after the limit plus at most one more guess per other server; a valid
/// token never waits for Redis. While Redis does not answer each server counts alone.
/// </summary>
public sealed class FailedAuthenticationLimiter(TimeProvider clock, IOptions<FailedAuthenticationOptions> options, ISharedFailureCounts? shared = null)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Beyond this many addresses the ended windows are dropped, so that a spray of addresses cannot grow the map for ever.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    /// <summary>How long the address must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string? address)
    {
        if (!_counters.TryGetValue(address ?? "", out var counter))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        lock (counter)
        {
            return now < counter.Ends && counter.Failures >= options.Value.FailedAuthenticationsPerMinute ? counter.Ends - now : null;
        }
    }

    /// <summary>Counts a failure here and, with Redis, for every server; the shared count is taken when it is higher.</summary>
    public async ValueTask RecordFailureAsync(string? address, CancellationToken cancellationToken)
    {
        var counter = RecordFailure(address);
        if (shared is not { IsConfigured: true } || await shared.CountFailureAsync(address ?? "", Window, cancellationToken) is not { } count)
        {
            return;
        }
        var now = clock.GetUtcNow();
        lock (counter)
        {
            if (count.Count > counter.Failures)
            {
                (counter.Ends, counter.Failures) = (now + count.Remaining, (int)Math.Min(count.Count, int.MaxValue));
            }
        }
    }

    private Counter RecordFailure(string? address)
    {
        var now = clock.GetUtcNow();
        if (_counters.Count > PruneAbove)
        {
            Prune(now);
        }
        var counter = _counters.GetOrAdd(address ?? "", _ => new Counter());
        lock (counter)
        {
            if (now >= counter.Ends)
            {
                (counter.Ends, counter.Failures) = (now + Window, 0);
            }
            counter.Failures++;
        }
        return counter;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, counter) in _counters)
        {
            if (now >= counter.Ends)
            {
                _counters.TryRemove(address, out _);
            }
        }
    }

    private sealed class Counter
    {
        public DateTimeOffset Ends { get; set; }

        public int Failures { get; set; }
    }
}
