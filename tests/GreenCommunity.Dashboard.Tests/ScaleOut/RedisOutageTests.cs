using System.Net;
using GreenCommunity.Dashboard.Tests.Shared;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.ScaleOut;

/// <summary>Redis going away while the servers run: reports are still accepted and pages still answer.</summary>
public sealed class RedisOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RedisStopped_ReportsAndPages_StillAnswer()
    {
        // Arrange: a Redis of this test's own, since it is stopped.
        await using var redis = await RedisServer.StartOwnServerAsync();
        await using var factory = await ScaleOutFactory.StartAsync(redis.ConnectionString);
        using var browser = await factory.SignedInClientAsync("admin");
        var community = (await factory.TakeNotStartedAsync(Wuhan, 1))[0];
        using var api = factory.CreateClient(factory.Tokens.Localities[Wuhan]);

        // Act
        await redis.StopAsync();
        using var report = await api.SendAsync(Post(Monthly(Wuhan, Update(community, "in_progress"))), Ct);
        using var overview = await browser.GetAsync("/", Ct);
        using var health = await browser.GetAsync("/healthz", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(1, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM community_state WHERE community_code = @community AND stage = 2", new { community }));
    }
}
