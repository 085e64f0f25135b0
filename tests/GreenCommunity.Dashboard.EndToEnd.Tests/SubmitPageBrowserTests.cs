using Dapper;
using GreenCommunity.Data.Storage;
using Microsoft.Playwright;

namespace GreenCommunity.Dashboard.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public sealed class SubmitPageBrowserTests
{
    [Fact]
    public async Task SubmitPage_CoordinatorReportsACommunity_SeesTheReceiptAndTheStoreHasIt()
    {
        // Arrange
        using var data = new TempDirectory();
        await using var app = await AppProcess.StartAsync(data.Path, TestContext.Current.CancellationToken);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        var community = (await Reports.NotStartedAsync(data.Path, "420100", 1))[0];
        var (_, localities) = app.Tokens();

        // Act
        await page.GotoAsync(new Uri(app.BaseAddress, "/reports/submit").ToString());
        await page.Locator(".submit-report[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        await page.GetByLabel("访问令牌").FillAsync(localities["420100"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "使用令牌" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("submitting-as")).ToContainTextAsync("武汉市");
        await page.GetByLabel("社区（中文名称、街道或代码）").FillAsync(community);
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = community }).First.ClickAsync();
        await page.GetByLabel("阶段").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "创建中" }).First.ClickAsync();
        await page.GetByTestId("submit").ClickAsync();

        // Assert
        await Assertions.Expect(page.GetByTestId("receipt")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Assertions.Expect(page.GetByTestId("receipt-applied")).ToHaveTextAsync("1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("submit-receipt.png"), FullPage = true });
        await using var connection = await SqliteConnectionFactory.ForDirectory(data.Path).OpenAsync(CancellationToken.None);
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>("SELECT stage FROM community_state WHERE community_code = @community", new { community }));
    }

    [Fact]
    public async Task SubmitPage_FutureDate_ShowsTheErrorInlineAndWritesNothing()
    {
        // Arrange
        using var data = new TempDirectory();
        await using var app = await AppProcess.StartAsync(data.Path, TestContext.Current.CancellationToken);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1100 } });
        var community = (await Reports.NotStartedAsync(data.Path, "420500", 1))[0];
        var (_, localities) = app.Tokens();
        await using var connection = await SqliteConnectionFactory.ForDirectory(data.Path).OpenAsync(CancellationToken.None);
        var reportsBefore = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reports");

        // Act
        await page.GotoAsync(new Uri(app.BaseAddress, "/reports/submit").ToString());
        await page.Locator(".submit-report[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        await page.GetByLabel("访问令牌").FillAsync(localities["420500"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "使用令牌" }).ClickAsync();
        await page.GetByLabel("社区（中文名称、街道或代码）").FillAsync(community);
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = community }).First.ClickAsync();
        await page.GetByLabel("生效日期").FillAsync(Reports.Today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("submit").ClickAsync();

        // Assert
        await Assertions.Expect(page.GetByTestId("error-list")).ToContainTextAsync("updates[0].effective");
        await Assertions.Expect(page.GetByTestId("receipt")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("submit-error.png"), FullPage = true });
        Assert.Equal(reportsBefore, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reports"));
    }
}
