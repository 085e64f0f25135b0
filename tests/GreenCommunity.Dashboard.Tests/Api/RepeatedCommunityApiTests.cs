using System.Net;
using GreenCommunity.Dashboard.Tests.Shared;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.Api;

/// <summary>One update per community in a report (issue 10, item 6): a repeat was stored as a second event.</summary>
public sealed class RepeatedCommunityApiTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_SameCommunityTwice_Answers400AtTheLaterOneNamingTheFirstAndWritesNothing()
    {
        // Arrange
        var communities = await factory.TakeNotStartedAsync(Wuhan, 2);
        var body = Monthly(Wuhan,
            Update(communities[0], "pilot", Today.AddDays(-1)),
            Update(communities[1], "in_progress"),
            Update(communities[0], "in_progress"));
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);
        var before = await factory.FingerprintAsync();

        // Act
        var response = await client.SendAsync(Post(body), Ct);
        var problem = await response.JsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["updates[2].community"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal("repeated_community", problem.GetProperty("codes").GetProperty("updates[2].community")[0].GetString());
        Assert.Equal($"Community {communities[0]} is already in this report at updates[0]: one update per community.",
            problem.GetProperty("errors").GetProperty("updates[2].community")[0].GetString());
        Assert.Equal(before, await factory.FingerprintAsync());
        Assert.Equal(0L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM stage_events WHERE community_code = @c", new { c = communities[0] }));
    }
}
