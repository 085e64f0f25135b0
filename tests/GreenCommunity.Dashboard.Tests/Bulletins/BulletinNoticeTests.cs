using System.Net;
using Bunit;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Bulletins;
using GreenCommunity.Dashboard.Components.Controls.Bulletins;
using GreenCommunity.Dashboard.Components.Pages.Bulletins;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using static GreenCommunity.Dashboard.Tests.Bulletins.BulletinRequests;

namespace GreenCommunity.Dashboard.Tests.Bulletins;

public sealed class BulletinNoticeTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publish_ThroughTheApi_ShowsTheNoticeOnAnAlreadyRenderedLayout()
    {
        // Arrange: the layout's notice bar is on screen, showing nothing; a draft waits.
        SignInAs("leader", DashboardRoles.Viewer);
        var cut = Render<BulletinNoticeBar>();
        Assert.Empty(cut.FindAll("[data-testid='bulletin-notice']"));
        using var province = Factory.CreateClient(Factory.Tokens.Province);
        var id = await DraftAsync(province, LastMonth);

        // Act
        using var published = await province.SendAsync(Publish(id), Ct);
        var answer = await published.JsonAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        cut.WaitForAssertion(() =>
        {
            var notice = cut.Find("[data-testid='bulletin-notice']");
            Assert.Contains($"已发布通报 {answer.GetProperty("numberText").GetString()}", notice.TextContent, StringComparison.Ordinal);
            Assert.Equal($"/bulletins/{id}", cut.Find("[data-testid='bulletin-notice-link']").GetAttribute("href"));
        });
    }

    [Fact]
    public async Task Dispose_NoticeBar_Unsubscribes()
    {
        // Arrange
        var notices = Factory.Services.GetRequiredService<BulletinNotices>();
        var before = notices.SubscriberCount;
        Render<BulletinNoticeBar>();

        // Act
        var during = notices.SubscriberCount;
        await DisposeComponentsAsync();

        // Assert
        Assert.Equal(before + 1, during);
        Assert.Equal(before, notices.SubscriberCount);
    }

    [Theory]
    [InlineData("admin", DashboardRoles.Admin, null, true)]
    [InlineData("wuhan", DashboardRoles.Coordinator, "420100", false)]
    [InlineData("leader", DashboardRoles.Viewer, null, false)]
    public void Render_ListPage_TheDraftFormIsTheProvincesAlone(string user, string role, string? locality, bool hasForm)
    {
        // Arrange
        SignInAs(user, role, locality);

        // Act
        var cut = Render<BulletinListPage>();

        // Assert
        cut.WaitForElement("[data-testid='bulletin-list']");
        Assert.Equal(hasForm, cut.FindAll("[data-testid='bulletin-draft-form']").Count == 1);
    }
}
