using System.Diagnostics;
using System.Net;
using GreenCommunity.Dashboard.Tests.Shared;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.ScaleOut;

/// <summary>
/// Two dashboard servers: a hub client connected to B hears a report posted to A through the Redis backplane, and
/// without Redis it does not (so it is the backplane that carries it).
/// </summary>
public sealed class CrossInstancePushTests(RedisServer redis) : IClassFixture<RedisServer>
{
    /// <summary>How long each test waits for B's client; the same for the delivery and for its absence.</summary>
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReportPostedToA_WithRedis_ReachesHubClientOnB()
    {
        // Arrange
        await using var a = await ScaleOutFactory.StartAsync(redis.ConnectionString);
        await using var b = await ScaleOutFactory.StartAsync(redis.ConnectionString);
        await using var onA = await HubListener.ConnectAsync(a, a.Tokens.Province, Ct);
        await using var onB = await HubListener.ConnectAsync(b, b.Tokens.Province, Ct);

        // Act
        var (reportId, acknowledged) = await PostReportAsync(a);

        // Assert
        var arrivedOnA = await onA.ArrivalOfAsync(reportId, s_wait, Ct);
        var arrivedOnB = await onB.ArrivalOfAsync(reportId, s_wait, Ct);
        Assert.NotNull(arrivedOnA);
        Assert.NotNull(arrivedOnB);
        // Not asserted (no timed tests): the figure for the record, beside A's own client as the baseline.
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"reportReceived after A's 201: on B (through Redis) {Milliseconds(acknowledged, arrivedOnB.Value):F1} ms, on A {Milliseconds(acknowledged, arrivedOnA.Value):F1} ms (negative: before the 201 reached the caller)");
    }

    [Fact]
    public async Task ReportPostedToA_WithoutRedis_DoesNotReachHubClientOnB()
    {
        // Arrange
        await using var a = await ScaleOutFactory.StartAsync(redis: null);
        await using var b = await ScaleOutFactory.StartAsync(redis: null);
        await using var onA = await HubListener.ConnectAsync(a, a.Tokens.Province, Ct);
        await using var onB = await HubListener.ConnectAsync(b, b.Tokens.Province, Ct);

        // Act
        var (reportId, acknowledged) = await PostReportAsync(a);

        // Assert: A announced it (its own client heard it), B's client did not within the same wait.
        var arrivedOnA = await onA.ArrivalOfAsync(reportId, s_wait, Ct);
        Assert.NotNull(arrivedOnA);
        Assert.Null(await onB.ArrivalOfAsync(reportId, s_wait, Ct));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"reportReceived after A's 201 without Redis: on A {Milliseconds(acknowledged, arrivedOnA.Value):F1} ms");
    }

    /// <summary>A locality's monthly report, as an external system posts it; its id and when the 201 came back.</summary>
    private static async Task<(string ReportId, long Acknowledged)> PostReportAsync(DashboardFactory factory)
    {
        var community = (await factory.TakeNotStartedAsync(Wuhan, 1))[0];
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        using var response = await client.SendAsync(Post(Monthly(Wuhan, Update(community, "in_progress"))), Ct);
        var acknowledged = Stopwatch.GetTimestamp();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ack = await response.JsonAsync();
        return (ack.GetProperty("reportId").GetString()!, acknowledged);
    }

    private static double Milliseconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
