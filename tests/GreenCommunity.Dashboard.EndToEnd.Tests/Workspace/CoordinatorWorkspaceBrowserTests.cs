using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GreenCommunity.Dashboard.EndToEnd.Tests.Workspace;

/// <summary>A coordinator's round trip: narrow the list, open a community, follow its report, come back to the same list.</summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class CoordinatorWorkspaceBrowserTests
{
    [Fact]
    public async Task Coordinator_FiltersTheList_OpensACommunity_FollowsItsReport_AndComesBackWithTheFiltersKept()
    {
        // Arrange
        using var data = await TempDirectory.WithDemoStoreAsync();
        await using var app = await AppProcess.StartAsync(data.Path, TestContext.Current.CancellationToken);
        await using var browser = await BrowserSession.StartAsync();
        var (page, cspViolations) = await browser.NewPageAsync();

        // Act: signing in lands on the coordinator's own locality...
        await BrowserSession.SignInAsync(page, app.BaseAddress, "wuhan", app.Password("wuhan"));
        await Assertions.Expect(page).ToHaveURLAsync(LocalityPage());

        // ...the list, narrowed by district and stage through its filter fields...
        await page.GotoAsync(new Uri(app.BaseAddress, "/locality/420100/communities").ToString());
        await Assertions.Expect(page.GetByTestId("list-total")).ToContainTextAsync("1,531");
        await page.GetByTestId("filter-county").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "江岸区" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("county=420102"));
        await Assertions.Expect(page.GetByTestId("list-total")).Not.ToContainTextAsync("1,531");
        var districtTotal = await page.GetByTestId("list-total").InnerTextAsync();
        await page.GetByTestId("filter-stage").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "创建中" }).First.ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("stage=in_progress"));
        await Assertions.Expect(page.GetByTestId("list-total")).Not.ToHaveTextAsync(districtTotal);
        var listAddress = page.Url;
        var total = await page.GetByTestId("list-total").InnerTextAsync();
        var first = page.GetByTestId("community-link").First;
        var name = await first.InnerTextAsync();

        // ...a community from it, and the report that last changed it.
        await first.ClickAsync();
        await Assertions.Expect(page.GetByTestId("community-page")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("community-page")).ToContainTextAsync(name);
        await Assertions.Expect(page.GetByTestId("community-page")).ToContainTextAsync("江岸区");
        var report = page.GetByTestId("community-reports").Locator("a[href^='/reports/']").First;
        var reportHref = await report.GetAttributeAsync("href");
        await report.ClickAsync();
        await Assertions.Expect(page.GetByTestId("report-page")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("report-page")).ToHaveAttributeAsync("data-report-id", Uri.UnescapeDataString(reportHref!["/reports/".Length..]));
        await Assertions.Expect(page.GetByTestId("report-page")).ToContainTextAsync("武汉市");
        var reportAddress = page.Url;

        // Back twice, as a user does.
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByTestId("community-page")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GoBackAsync();

        // Assert: the same list, its filters in the address, the fields and the count.
        await Assertions.Expect(page).ToHaveURLAsync(listAddress);
        await Assertions.Expect(page.GetByTestId("list-total")).ToHaveTextAsync(total);
        await Assertions.Expect(page.GetByTestId("filter-chips")).ToContainTextAsync("江岸区");
        await Assertions.Expect(page.GetByTestId("filter-chips")).ToContainTextAsync("创建中");
        Assert.EndsWith(reportHref!, reportAddress, StringComparison.Ordinal);
        Assert.Empty(cspViolations);
    }

    [GeneratedRegex("/locality/420100$")]
    private static partial Regex LocalityPage();
}
