using Bunit;
using GreenCommunity.Dashboard.Components.Controls.Overview;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Tests.Shared;

namespace GreenCommunity.Dashboard.Tests.Components;

public sealed class ActivityFeedLinkTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    [Fact]
    public void Render_AFeedItem_LinksToItsReportsPageWithTheIdEscaped()
    {
        // Arrange
        var received = new DateTimeOffset(2022, 12, 26, 9, 0, 0, TimeSpan.FromHours(8));

        // Act
        var feed = Render<ActivityFeed>(p => p
            .Add(m => m.Items, [new FeedItem("demo/2022 12#1", "420100", "monthly", "2022-12", true, received, 3, false)])
            .Add(m => m.LocalityName, code => code));

        // Assert
        var link = feed.Find(".feed-item a.feed-kind");
        Assert.Equal("/reports/demo%2F2022%2012%231", link.GetAttribute("href"));
        Assert.Equal("月报 · 2022-12", link.TextContent);
    }
}
