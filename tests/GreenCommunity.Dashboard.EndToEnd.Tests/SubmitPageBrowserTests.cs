using Dapper;
using GreenCommunity.Data.Storage;
using Microsoft.Playwright;

namespace GreenCommunity.Dashboard.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public sealed class SubmitPageBrowserTests
{
    [Fact]
    public async Task Coordinator_ReportsOwnLocalityAndIsRefusedAnother_AdministratorSeesBothInTheAuditLog()
    {
        // Arrange
        using var data = await TempDirectory.WithDemoStoreAsync();
        await using var app = await AppProcess.StartAsync(data.Path, TestContext.Current.CancellationToken);
        await using var browser = await BrowserSession.StartAsync();
        var (page, cspViolations) = await browser.NewPageAsync();
        var community = (await Reports.NotStartedAsync(data.Path, "420100", 1))[0];
        var (_, localities) = app.Tokens();

        // Act: the coordinator signs in and reports for Wuhan through the page...
        await BrowserSession.SignInAsync(page, app.BaseAddress, "wuhan", app.Password("wuhan"));
        await page.GotoAsync(new Uri(app.BaseAddress, "/reports/submit").ToString());
        await page.Locator(".submit-report[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("submitting-as")).ToContainTextAsync("武汉市");
        await BrowserSession.PickCommunityAsync(page, community);
        await page.GetByLabel("阶段").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "创建中" }).First.ClickAsync();
        // Under load the click can land before the select takes it: submit only once the row holds the stage
        // (otherwise the report goes as "no change" and changes nothing).
        await Assertions.Expect(page.GetByLabel("阶段")).ToContainTextAsync("创建中", new() { Timeout = 10_000 });
        await page.GetByTestId("submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("receipt")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("submit-receipt.png"), FullPage = true });

        // ...and Wuhan's system tries Yichang's community through the API: refused, nothing written.
        var yichang = (await Reports.NotStartedAsync(data.Path, "420500", 1))[0];
        using var wuhanApi = app.Client(localities["420100"]);
        var refused = await Reports.TryPostAsync(wuhanApi, "420500", [yichang]);

        // The administrator finds both in the audit log.
        var (admin, _) = await browser.NewPageAsync();
        await BrowserSession.SignInAsync(admin, app.BaseAddress, "admin", app.Password("admin"));
        await admin.GotoAsync(new Uri(app.BaseAddress, "/admin/audit").ToString());
        var rows = admin.Locator("[data-testid='audit'] tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasText = "user:wuhan" }).Filter(new() { HasText = "report.submit" }).Filter(new() { HasText = "允许" }).First).ToBeVisibleAsync();
        await Assertions.Expect(rows.Filter(new() { HasText = "report.submit" }).Filter(new() { HasText = "420500" }).Filter(new() { HasText = "拒绝" }).First).ToBeVisibleAsync();
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("audit-log.png"), FullPage = true });

        // Assert
        await Assertions.Expect(page.GetByTestId("receipt-applied")).ToHaveTextAsync("1");
        Assert.Equal(403, refused);
        await using var connection = await SqliteStore.ForDirectory(data.Path).OpenAsync(CancellationToken.None);
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>("SELECT stage FROM community_state WHERE community_code = @community", new { community }));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT stage FROM community_state WHERE community_code = @yichang", new { yichang }));
        Assert.Empty(cspViolations);
    }

    [Fact]
    public async Task SubmitPage_FutureDate_ShowsTheErrorInlineAndWritesNothing()
    {
        // Arrange
        using var data = await TempDirectory.WithDemoStoreAsync();
        await using var app = await AppProcess.StartAsync(data.Path, TestContext.Current.CancellationToken);
        await using var browser = await BrowserSession.StartAsync();
        var (page, _) = await browser.NewPageAsync();
        var community = (await Reports.NotStartedAsync(data.Path, "420500", 1))[0];
        await using var connection = await SqliteStore.ForDirectory(data.Path).OpenAsync(CancellationToken.None);
        var reportsBefore = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reports");

        // Act
        await BrowserSession.SignInAsync(page, app.BaseAddress, "yichang", app.Password("yichang"));
        await page.GotoAsync(new Uri(app.BaseAddress, "/reports/submit").ToString());
        await page.Locator(".submit-report[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        // The date first: after a pick the community field takes the focus back a moment later, and under load the date's
        // typing landed there even once the field showed the pick (clean-clone CI on 65c61f9).
        var future = Reports.Today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("生效日期").FillAsync(future);
        await page.GetByLabel("生效日期").PressAsync("Tab");
        await BrowserSession.PickCommunityAsync(page, community);
        await Assertions.Expect(page.GetByLabel("生效日期")).ToHaveValueAsync(future);
        await page.GetByTestId("submit").ClickAsync();

        // Assert
        await Assertions.Expect(page.GetByTestId("error-list")).ToContainTextAsync("第1行 · 生效日期：", new() { Timeout = 10_000 });
        await Assertions.Expect(page.GetByTestId("error-list")).Not.ToContainTextAsync("updates[");
        await Assertions.Expect(page.GetByTestId("receipt")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("submit-error.png"), FullPage = true });
        Assert.Equal(reportsBefore, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reports"));
    }
}
