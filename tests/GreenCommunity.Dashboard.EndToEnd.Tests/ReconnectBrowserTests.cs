using Microsoft.Playwright;

namespace GreenCommunity.Dashboard.EndToEnd.Tests;

/// <summary>A page whose server goes away says so, discreetly and in its own language, and comes back live when the server does.</summary>
[Collection(EndToEndWaitingGroup.Name)]
public sealed class ReconnectBrowserTests
{
    [Theory]
    [InlineData("zh-CN", "连接中断，正在重新连接…", "实时")]
    [InlineData("en", "Connection lost, reconnecting…", "Live")]
    public async Task Overview_ServerStopsAndRestarts_BannerInThePagesLanguageAndLiveIndicatorFollows(string culture, string reconnecting, string live)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var data = await TempDirectory.WithDemoStoreAsync();
        await using var app = await AppProcess.StartAsync(data.Path, ct);
        await using var browser = await BrowserSession.StartAsync();
        var (page, cspViolations) = await browser.NewPageAsync();
        await BrowserSession.SignInAsync(page, app.BaseAddress, "leader", app.Password("leader"));
        await page.GotoAsync(new Uri(app.BaseAddress, $"/?culture={culture}").ToString());
        await page.Locator(".overview[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        var banner = page.Locator("#components-reconnect-modal");
        var indicator = page.Locator("[data-testid='live-state']");
        await Assertions.Expect(banner).ToBeHiddenAsync();
        await Assertions.Expect(indicator).ToHaveTextAsync(live, new() { UseInnerText = true });   // the visible text, not the hidden states

        // Act: the server goes away.
        var address = app.BaseAddress;
        await app.KillAsync();

        // Assert: a banner in the page's language, not Blazor's English modal; the indicator no longer says live.
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(banner).ToContainTextAsync(reconnecting, new() { UseInnerText = true });
        await Assertions.Expect(indicator).Not.ToHaveTextAsync(live, new() { UseInnerText = true });
        Assert.Equal(0, await page.Locator("dialog[open]").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath($"reconnecting-{culture}.png") });

        // Act: the server comes back at the same address.
        await using var restarted = await AppProcess.StartAsync(data.Path, ct, address);

        // Assert: live again, without anyone touching the page.
        await Assertions.Expect(indicator).ToHaveTextAsync(live, new() { UseInnerText = true, Timeout = 90_000 });
        await Assertions.Expect(banner).ToBeHiddenAsync();
        Assert.Empty(cspViolations);
    }
}
