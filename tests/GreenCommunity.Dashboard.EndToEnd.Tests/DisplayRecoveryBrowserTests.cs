using System.Text.Json;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Storage;
using Microsoft.Playwright;

namespace GreenCommunity.Dashboard.EndToEnd.Tests;

/// <summary>
/// The meeting-room screen runs unattended: through a server restart it shows a discreet pill in its own language with
/// nothing to press and comes back live by itself with its settings; a revoked link ends it within 30 s.
/// </summary>
[Collection(EndToEndWaitingGroup.Name)]
public sealed class DisplayRecoveryBrowserTests
{
    private const string Settings = "panels=map,ranking&rotate=20&focus=420100&replay=2021-06..2022-12&speed=30";

    // Attached, not visible: what the screen shows is not this test's business (an empty screen has no size).
    private static readonly LocatorWaitForOptions s_interactive = new() { State = WaitForSelectorState.Attached, Timeout = 15_000 };

    [Theory]
    [InlineData("zh-CN", "连接中断，正在重新连接…")]
    [InlineData("en", "Connection lost, reconnecting…")]
    public async Task DisplayScreen_ServerKilledAndRestarted_PillWithoutButtonsThenLiveAgainWithItsQuery(string culture, string reconnecting)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var data = await TempDirectory.WithDemoStoreAsync();
        await using var app = await AppProcess.StartAsync(data.Path, ct);
        await using var browser = await BrowserSession.StartAsync();
        var (page, cspViolations) = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, $"/display/{DisplayToken(app)}?culture={culture}&{Settings}").ToString());
        var screen = page.Locator("[data-testid='display-screen'][data-interactive='true']");
        await screen.WaitForAsync(s_interactive);
        var pill = page.Locator("#components-reconnect-modal");
        await page.EvaluateAsync("() => window.beforeTheRestart = true");   // gone once the page has been loaded anew

        // Act: the server goes away.
        var address = app.BaseAddress;
        await app.KillAsync();

        // Assert: a discreet pill in the page's language, nothing to press.
        await Assertions.Expect(pill).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(pill).ToContainTextAsync(reconnecting, new() { UseInnerText = true });
        Assert.Equal(0, await page.Locator("#components-reconnect-modal button:visible, dialog[open]").CountAsync());
        var box = await pill.BoundingBoxAsync() ?? throw new InvalidOperationException("The pill has no box.");
        var viewport = page.ViewportSize!;
        Assert.True(box.X > viewport.Width / 2 && box.Y > viewport.Height / 2 && box.Height <= 40,
            $"a small pill in the bottom right corner, not a banner: {box.X},{box.Y} {box.Width}x{box.Height}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath($"display-reconnecting-{culture}.png") });

        // Act: the server comes back at the same address.
        await using var restarted = await AppProcess.StartAsync(data.Path, ct, address);

        // Assert: a fresh page, live, on /display with the link's settings, without anyone touching it.
        await page.WaitForFunctionAsync("() => window.beforeTheRestart === undefined", null, new() { Timeout = 90_000 });
        await screen.WaitForAsync(s_interactive);
        await Assertions.Expect(pill).ToBeHiddenAsync();
        Assert.Equal($"/display?culture={culture}&{Settings}", new Uri(page.Url).PathAndQuery);
        Assert.Empty(cspViolations);
    }

    [Fact]
    public async Task DisplayScreen_ItsLinkRevoked_LeavesTheDisplayForThePageThatSaysSoWithin30Seconds()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var data = await TempDirectory.WithDemoStoreAsync();
        await using var app = await AppProcess.StartAsync(data.Path, ct);
        await using var browser = await BrowserSession.StartAsync();
        var (page, _) = await browser.NewPageAsync();
        var secret = DisplayToken(app);
        await page.GotoAsync(new Uri(app.BaseAddress, $"/display/{secret}?{Settings}").ToString());
        await page.Locator("[data-testid='display-screen'][data-interactive='true']").WaitForAsync(s_interactive);
        var tokens = new ApiTokenStore(SqliteStore.ForDirectory(data.Path), TimeProvider.System);
        var display = await tokens.ValidateAsync(secret, ApiToken.DisplayKind, ct) ?? throw new InvalidOperationException("The demo's display token is not valid.");

        // Act
        await tokens.RevokeAsync(display.Id, ct);

        // Assert: the open page ends (the sweeper checks every 15 s) on the sign-in page, which says why.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("sign-in-error")).ToContainTextAsync("该大屏链接无效");
        Assert.Equal(0, await page.Locator("[data-testid='display-screen']").CountAsync());
    }

    private static string DisplayToken(AppProcess app)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(app.DataDirectory, "demo-credentials.json")));
        return document.RootElement.GetProperty("display").GetString()!;
    }
}
