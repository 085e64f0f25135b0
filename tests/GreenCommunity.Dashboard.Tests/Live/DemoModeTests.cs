using System.Net;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Access;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Live;

/// <summary>The app with demo mode off: an empty history and no demo credentials.</summary>
public sealed class NoDemoFactory : DashboardFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Demo:Enabled"] = "false" };
}

/// <summary>The demo with its live feed every 200 ms.</summary>
public sealed class LiveFeedFactory : DashboardFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Demo:Enabled"] = "true",
        ["Demo:Seed"] = "7",
        ["Demo:LiveFeedSeconds"] = "0.2",
    };
}

public sealed class NoDemoTests(NoDemoFactory factory) : IClassFixture<NoDemoFactory>
{
    [Fact]
    public async Task Start_DemoOff_CreatesNoCredentialsNoTokensNoHistory()
    {
        // Arrange
        using var client = factory.CreateClient();

        // Act
        var health = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        var tokens = await factory.Services.GetRequiredService<ApiTokenStore>().ListAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "demo-credentials.json")));
        Assert.Empty(tokens);
        Assert.Equal(0L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM reports"));
        Assert.Equal(5222L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM communities"));
    }
}

public sealed class LiveFeedTests(LiveFeedFactory factory) : IClassFixture<LiveFeedFactory>
{
    [Fact]
    public async Task DemoFeed_Running_SendsReportsThroughTheIntake()
    {
        // Arrange
        _ = factory.Server;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        long sent = 0;

        // Act: the feed's reports carry idempotency keys of its own client, as API reports do.
        while (sent < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            sent = await factory.ScalarAsync<long>("SELECT COUNT(*) FROM idempotency_keys WHERE client = 'demo-feed'");
        }

        // Assert
        Assert.True(sent >= 3, $"the feed sent {sent} reports in 15 s");
        var period = ReportBodies.ThisMonth;
        Assert.True(await factory.ScalarAsync<long>("SELECT COUNT(*) FROM reports WHERE period = @period", new { period }) >= 3);
    }
}
