using System.Globalization;
using Microsoft.Playwright;

namespace GreenCommunity.Dashboard.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public sealed class LiveOverviewBrowserTests
{
    [Fact]
    public async Task Overview_ReportSentThroughTheApi_FigureAndFeedChangeWithoutReload()
    {
        // Arrange
        using var data = await TempDirectory.WithDemoStoreAsync();
        await using var app = await AppProcess.StartAsync(data.Path, TestContext.Current.CancellationToken);
        await using var browser = await BrowserSession.StartAsync();
        var (page, cspViolations) = await browser.NewPageAsync(1400, 1400);
        await BrowserSession.SignInAsync(page, app.BaseAddress, "leader", app.Password("leader"));
        await page.Locator(".overview[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        var startedBefore = ReadCount(await page.Locator("[data-testid='started-value']").InnerTextAsync());
        Assert.Equal("全省创建进度", (await page.Locator("h1").InnerTextAsync()).Trim());
        var (_, localities) = app.Tokens();
        using var client = app.Client(localities["420500"]);
        var communities = await Reports.NotStartedAsync(data.Path, "420500", 4);
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        // Act
        var ack = await Reports.PostAsync(client, "420500", communities);

        // Assert: within 2 seconds, without a reload.
        var expected = (startedBefore + 4).ToString("N0", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator("[data-testid='started-value']")).ToHaveTextAsync(expected, new() { Timeout = 2_000 });
        var top = page.Locator(".feed-item").First;
        await Assertions.Expect(top).ToHaveAttributeAsync("data-report-id", ack.GetProperty("reportId").GetString()!, new() { Timeout = 2_000 });
        await Assertions.Expect(top).ToContainTextAsync("宜昌市");
        await Assertions.Expect(top).ToContainTextAsync("4个社区有变化");
        Assert.Equal(0, navigations);
        var shot = BrowserSession.ScreenshotPath("overview-live.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 50_000);
        Assert.Empty(cspViolations);
    }

    private static int ReadCount(string text) => int.Parse(text.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
