using Bunit;
using GreenCommunity.Dashboard.Components.Controls.Overview;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace GreenCommunity.Dashboard.Tests.Components;

/// <summary>The feed's and the replay's words in English: a plural where it is one, a select that reads whole.</summary>
public sealed class OverviewTextsTests(DashboardFactory factory) : DashboardTestContext(factory, DashboardCultures.English), IClassFixture<DashboardFactory>
{
    [Fact]
    public void Feed_English_CountsCommunitiesWithTheRightPlural()
    {
        // Arrange
        var items = Enumerable.Range(0, 3)
            .Select(n => new FeedItem($"r{n}", "420100", "monthly", "2026-11", OnTime: true, DateTimeOffset.UnixEpoch, n, ByProvince: false))
            .ToList();

        // Act
        var cut = Render<ActivityFeed>(p => p.Add(x => x.Items, items).Add(x => x.LocalityName, code => code));

        // Assert
        Assert.Equal(["No community changed", "1 community changed", "2 communities changed"],
            cut.FindAll(".feed-applied").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public void Feed_English_LiveIndicatorHasItsDownStatesReadyForTheBrowser()
    {
        // Act
        var cut = Render<ActivityFeed>(p => p.Add(x => x.Items, []).Add(x => x.LocalityName, code => code));

        // Assert: the server cannot render while the circuit is down, so the words are there beforehand.
        Assert.Equal("Live", cut.Find("[data-testid='live-state'] .live-dot").TextContent.Trim());
        Assert.Equal("Reconnecting…", cut.Find("[data-testid='live-state'] .live-reconnecting").TextContent.Trim());
        Assert.Equal("Offline", cut.Find("[data-testid='live-state'] .live-offline").TextContent.Trim());
    }

    [Fact]
    public void Replay_English_SpeedReadsOneMonthPerSecond()
    {
        // Arrange
        var campaign = Factory.Services.GetRequiredService<Campaign>();

        // Act
        var cut = Render<AsOfBar>(p => p.Add(x => x.Campaign, campaign).Add(x => x.AsOf, new DateOnly(2022, 6, 30)).Add(x => x.Today, new DateOnly(2026, 11, 30)));

        // Assert: the chosen speed as the select shows it (the list itself opens in a popover).
        var select = cut.FindComponent<MudSelect<int>>();
        Assert.Contains("\"1 month/s\"", select.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("month(s)", select.Markup, StringComparison.Ordinal);
    }
}
