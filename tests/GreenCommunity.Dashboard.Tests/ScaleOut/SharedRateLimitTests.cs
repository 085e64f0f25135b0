using System.Diagnostics;
using System.Globalization;
using System.Net;
using GreenCommunity.Dashboard.Security;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.ScaleOut;

/// <summary>Two servers on one Redis of their own, with 4 API requests and 4 sign-ins a minute: one budget for both.</summary>
public sealed class SharedLimitServers : IAsyncLifetime
{
    public const int PerMinute = 4;

    public RedisServer Redis { get; private set; } = null!;

    public ScaleOutFactory A { get; private set; } = null!;

    public ScaleOutFactory B { get; private set; } = null!;

    public static Dictionary<string, string> TightLimits(int redisTimeoutMilliseconds) => new()
    {
        ["RateLimits:ApiPerMinute"] = PerMinute.ToString(CultureInfo.InvariantCulture),
        ["RateLimits:SignInPerMinute"] = PerMinute.ToString(CultureInfo.InvariantCulture),
        ["RateLimits:RedisTimeoutMilliseconds"] = redisTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture),
    };

    public async ValueTask InitializeAsync()
    {
        // A Redis of its own (not GC_TEST_REDIS): the budgets spent here must not meet another run's.
        Redis = await RedisServer.StartOwnServerAsync();
        // A long timeout: on a busy machine a slow answer must not send a request to this server's own window.
        A = await ScaleOutFactory.StartAsync(Redis.ConnectionString, TightLimits(redisTimeoutMilliseconds: 5000));
        B = await ScaleOutFactory.StartAsync(Redis.ConnectionString, TightLimits(redisTimeoutMilliseconds: 5000));
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

/// <summary>
/// Rate limits with several servers: with Redis, the API's and sign-in's budgets are counted once for all of them
/// (Retry-After from the window's time left in Redis); without it each server keeps its own; when Redis does not answer,
/// requests are still answered, counted by the server alone.
/// </summary>
public sealed class SharedRateLimitTests(SharedLimitServers servers) : IClassFixture<SharedLimitServers>
{
    private const string OnItsOwn = "this server counts its own requests";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_BudgetSpentHalfOnAHalfOnB_NextRequestToEitherAnswers429()
    {
        // Arrange
        using var onA = servers.A.CreateClient(servers.A.Tokens.Localities[Wuhan]);
        using var onB = servers.B.CreateClient(servers.B.Tokens.Localities[Wuhan]);
        using var otherOnB = servers.B.CreateClient(servers.B.Tokens.Localities[Yichang]);
        var spent = new List<HttpStatusCode>();

        // Act
        for (var i = 0; i < SharedLimitServers.PerMinute / 2; i++)
        {
            spent.Add((await onA.GetAsync("/api/v1/summary", Ct)).StatusCode);
            spent.Add((await onB.GetAsync("/api/v1/summary", Ct)).StatusCode);
        }
        using var nextOnA = await onA.GetAsync("/api/v1/summary", Ct);
        using var nextOnB = await onB.GetAsync("/api/v1/summary", Ct);
        using var other = await otherOnB.GetAsync("/api/v1/summary", Ct);

        // Assert
        Assert.All(spent, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, nextOnA.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, nextOnB.StatusCode);
        Assert.Equal("application/problem+json", nextOnB.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);   // each client has its own budget
        await AssertRetryAfterIsTheWindowsTimeLeftAsync(nextOnB, SharedRateWindows.KeyPrefix + RateLimits.Api + ":");
        Assert.DoesNotContain(servers.A.Logs.GetSnapshot(), r => r.Message.Contains(OnItsOwn, StringComparison.Ordinal));
        Assert.DoesNotContain(servers.B.Logs.GetSnapshot(), r => r.Message.Contains(OnItsOwn, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_BudgetSpentHalfOnAHalfOnB_NextSignInToEitherAnswers429()
    {
        // Arrange: the test server gives every client the same (unknown) address, so A and B see one address.
        using var browserOnA = servers.A.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var browserOnB = servers.B.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var spent = new List<HttpStatusCode>();

        // Act: an unknown user, so no account is locked out on the way
        for (var i = 0; i < SharedLimitServers.PerMinute / 2; i++)
        {
            spent.Add((await DashboardFactory.SignInAsync(browserOnA, "nobody", "wrong-" + i)).StatusCode);
            spent.Add((await DashboardFactory.SignInAsync(browserOnB, "nobody", "wrong-" + i)).StatusCode);
        }
        using var nextOnA = await DashboardFactory.SignInAsync(browserOnA, "nobody", "wrong-x");
        using var nextOnB = await DashboardFactory.SignInAsync(browserOnB, "nobody", "wrong-y");

        // Assert
        Assert.All(spent, s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, nextOnA.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, nextOnB.StatusCode);
        await AssertRetryAfterIsTheWindowsTimeLeftAsync(nextOnA, SharedRateWindows.KeyPrefix + Accounts.AccountEndpoints.SignInRateLimit + ":");
    }

    [Fact]
    public async Task FailedTokens_SpreadOverAAndB_StoppedOnBothAtTheSharedLimit()
    {
        // Arrange: servers of their own on a Redis of their own (every test request comes from the same address, and
        // an address over the limit is refused even with a valid token)
        await using var redis = await RedisServer.StartOwnServerAsync();
        var limits = new Dictionary<string, string>
        {
            ["RateLimits:FailedAuthenticationsPerMinute"] = SharedLimitServers.PerMinute.ToString(CultureInfo.InvariantCulture),
            ["RateLimits:RedisTimeoutMilliseconds"] = "5000",
        };
        await using var a = await ScaleOutFactory.StartAsync(redis.ConnectionString, limits);
        await using var b = await ScaleOutFactory.StartAsync(redis.ConnectionString, limits);
        using var guessOnA = a.CreateClient("gc_guessed-on-a");
        using var guessOnB = b.CreateClient("gc_guessed-on-b");
        using var validOnB = b.CreateClient(b.Tokens.Localities[Wuhan]);

        // Act: the limit's guesses, half on each server, then more on each
        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < SharedLimitServers.PerMinute / 2; i++)
        {
            guesses.Add((await guessOnA.GetAsync("/api/v1/summary", Ct)).StatusCode);
            guesses.Add((await guessOnB.GetAsync("/api/v1/summary", Ct)).StatusCode);
        }
        using var nextOnB = await guessOnB.GetAsync("/api/v1/summary", Ct);
        using var validAfter = await validOnB.GetAsync("/api/v1/summary", Ct);
        using var nextOnA = await guessOnA.GetAsync("/api/v1/summary", Ct);   // A last heard the count before B's last guess
        using var thenOnA = await guessOnA.GetAsync("/api/v1/summary", Ct);

        // Assert
        Assert.All(guesses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, nextOnB.StatusCode);
        Assert.True(nextOnB.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.TooManyRequests, validAfter.StatusCode);
        Assert.Contains(nextOnA.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests });
        Assert.Equal(HttpStatusCode.TooManyRequests, thenOnA.StatusCode);
    }

    [Fact]
    public async Task Api_WithoutRedis_EachServerKeepsItsOwnBudget()
    {
        // Arrange
        var limits = SharedLimitServers.TightLimits(redisTimeoutMilliseconds: 250);
        await using var a = await ScaleOutFactory.StartAsync(redis: null, limits);
        await using var b = await ScaleOutFactory.StartAsync(redis: null, limits);
        using var onA = a.CreateClient(a.Tokens.Localities[Wuhan]);
        using var onB = b.CreateClient(b.Tokens.Localities[Wuhan]);

        // Act: A's whole budget, then one more on A, then B's whole budget
        var spentOnA = new List<HttpStatusCode>();
        for (var i = 0; i < SharedLimitServers.PerMinute; i++)
        {
            spentOnA.Add((await onA.GetAsync("/api/v1/summary", Ct)).StatusCode);
        }
        using var nextOnA = await onA.GetAsync("/api/v1/summary", Ct);
        var spentOnB = new List<HttpStatusCode>();
        for (var i = 0; i < SharedLimitServers.PerMinute; i++)
        {
            spentOnB.Add((await onB.GetAsync("/api/v1/summary", Ct)).StatusCode);
        }

        // Assert
        Assert.All(spentOnA, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, nextOnA.StatusCode);
        Assert.All(spentOnB, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Theory]
    [InlineData("paused")]    // SIGSTOP: connected, nothing answers (the timeout's case)
    [InlineData("stopped")]   // killed: the connection drops
    public async Task Api_RedisNotAnswering_AnsweredAndCountedByTheServerAlone(string outage)
    {
        // Arrange: one request counted in Redis, then Redis goes away
        await using var redis = await RedisServer.StartOwnServerAsync();
        await using var server = await ScaleOutFactory.StartAsync(redis.ConnectionString, SharedLimitServers.TightLimits(redisTimeoutMilliseconds: 250));
        using var client = server.CreateClient(server.Tokens.Localities[Wuhan]);
        using var first = await client.GetAsync("/api/v1/summary", Ct);
        await using var probe = await RedisProbe.ConnectAsync(redis.ConnectionString);
        var counted = await probe.KeysAsync(SharedRateWindows.KeyPrefix);
        await using var pause = outage == "paused" ? await probe.PauseServerAsync() : null;
        if (outage == "stopped")
        {
            await redis.StopAsync();
        }

        // Act: this server's own window has the whole budget; one more is over it
        var statuses = new List<HttpStatusCode>();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i <= SharedLimitServers.PerMinute; i++)
        {
            var started = Stopwatch.GetTimestamp();
            statuses.Add((await client.GetAsync("/api/v1/summary", Ct)).StatusCode);
            slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, Stopwatch.GetElapsedTime(started).Ticks));
        }

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, Assert.Single(counted).Value);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, SharedLimitServers.PerMinute), HttpStatusCode.TooManyRequests], statuses);
        Assert.Single(server.Logs.GetSnapshot(), r => r.Message.Contains(OnItsOwn, StringComparison.Ordinal));   // logged once
        // No stall: none waited as long as the Redis client's own timeout (5 s), which the first would without the short one.
        TestContext.Current.TestOutputHelper?.WriteLine($"Redis {outage}: slowest of {statuses.Count} requests {slowest.TotalMilliseconds:F0} ms");
        Assert.True(slowest < TimeSpan.FromSeconds(5), $"a request took {slowest.TotalMilliseconds:F0} ms");
    }

    /// <summary>Retry-After is the time the shared window has left in Redis, in whole seconds rounded up.</summary>
    private async Task AssertRetryAfterIsTheWindowsTimeLeftAsync(HttpResponseMessage limited, string keyPrefix)
    {
        await using var probe = await RedisProbe.ConnectAsync(servers.Redis.ConnectionString);
        var (_, value, left) = Assert.Single(await probe.KeysAsync(keyPrefix), k => k.Value > SharedLimitServers.PerMinute);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        TestContext.Current.TestOutputHelper?.WriteLine($"{keyPrefix}: count {value}, {left} ms left in Redis, Retry-After {retryAfter}");
        Assert.InRange(retryAfter, 1, 60);
        Assert.InRange(retryAfter, (int)Math.Ceiling(left / 1000.0), (int)Math.Ceiling(left / 1000.0) + 2);   // read after the answer
    }
}
