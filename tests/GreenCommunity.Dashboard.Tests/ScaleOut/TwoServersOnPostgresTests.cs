using System.Net;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.ScaleOut;

/// <summary>Two servers on one PostgreSQL store and one Redis, as behind a load balancer: what a client started on A holds on B.</summary>
public sealed class TwoServersOnPostgresTests(PostgresServers servers) : IClassFixture<PostgresServers>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IdempotencyKeyReplayedToB_AnswersAsResponseAndWritesNothing()
    {
        // Arrange
        var community = (await servers.A.TakeNotStartedAsync(Wuhan, 1))[0];
        var body = Monthly(Wuhan, Update(community, "in_progress")).ToJsonString();
        var key = "two-servers-" + Guid.NewGuid().ToString("N");
        using var onA = servers.A.CreateClient(servers.A.Tokens.Localities[Wuhan]);
        using var onB = servers.B.CreateClient(servers.B.Tokens.Localities[Wuhan]);
        using var first = await onA.SendAsync(Post(body, key), Ct);
        var before = await servers.FingerprintAsync();

        // Act
        using var replayed = await onB.SendAsync(Post(body, key), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(first.StatusCode, replayed.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await replayed.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before, await servers.FingerprintAsync());
        Assert.Equal(1L, await servers.B.ScalarAsync<long>("SELECT COUNT(*) FROM stage_events WHERE community_code = @community", new { community }));
    }
}
