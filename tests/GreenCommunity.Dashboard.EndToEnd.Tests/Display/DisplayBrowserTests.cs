using System.Text.Json;
using Microsoft.Playwright;

namespace GreenCommunity.Dashboard.EndToEnd.Tests.Display;

/// <summary>The meeting-room screen in a browser at wall-screen sizes: every panel fits, it turns by itself, reports arrive live.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class DisplayBrowserTests
{
    private static readonly string[] s_panels = ["map", "ranking", "criteria", "compliance", "focus"];

    /// <summary>Anything past the viewport, or cut off inside the boxes that hold the panel, the ticker and the header.</summary>
    private const string OverflowProbe = """
        () => {
            const problems = [];
            const d = document.documentElement;
            if (d.scrollWidth > innerWidth || d.scrollHeight > innerHeight) problems.push(`page ${d.scrollWidth}x${d.scrollHeight}`);
            for (const el of document.querySelectorAll('.display-screen *')) {
                const r = el.getBoundingClientRect();
                if (r.width > 0 && (r.right > innerWidth + 1 || r.bottom > innerHeight + 1 || r.left < -1 || r.top < -1))
                    problems.push(`outside: ${el.tagName}.${el.className} ${Math.round(r.right)}x${Math.round(r.bottom)}`);
            }
            for (const el of document.querySelectorAll('.display-panel, .display-panel > *, .display-ticker, .display-figures, .display-compliance, .heatmap-scroll, .display-header, .display-footer')) {
                if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
                    problems.push(`cut off: ${el.className} ${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`);
            }
            return problems.slice(0, 12);
        }
        """;

    [Fact]
    public async Task EveryPanel_AtWallScreenSizesAndALaptop_FitsTheScreenWithoutScrollBars()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var data = await TempDirectory.WithDemoStoreAsync();
        await using var app = await AppProcess.StartAsync(data.Path, ct);
        await using var browser = await BrowserSession.StartAsync();
        var problems = new List<string>();

        // Act: each size and language, each panel in turn (the arrow key steps), measured once drawn.
        foreach (var (width, height, culture) in new[] { (1920, 1080, "zh-CN"), (3840, 2160, "en"), (1366, 768, "en"), (3840, 2160, "zh-CN") })
        {
            var (page, cspViolations) = await browser.NewPageAsync(width, height);
            await OpenAsync(page, app, $"?culture={culture}&rotate=600");
            foreach (var panel in s_panels)
            {
                await Assertions.Expect(page.Locator("[data-testid='display-screen']")).ToHaveAttributeAsync("data-panel", panel);
                await page.WaitForTimeoutAsync(300);
                problems.AddRange((await page.EvaluateAsync<string[]>(OverflowProbe)).Select(p => $"{width}x{height} {culture} {panel}: {p}"));
                await page.Keyboard.PressAsync("ArrowRight");
            }
            problems.AddRange(cspViolations);
            await page.CloseAsync();
        }

        // Assert
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Screen_TurnsByItself_AndAReportPostedThroughTheApiIsInTheTickerWithinTwoSeconds()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        using var data = await TempDirectory.WithDemoStoreAsync();
        await using var app = await AppProcess.StartAsync(data.Path, ct);
        await using var browser = await BrowserSession.StartAsync();
        var (page, _) = await browser.NewPageAsync(1920, 1080);
        await OpenAsync(page, app, "?panels=map,ranking&rotate=5");
        var screen = page.Locator("[data-testid='display-screen']");
        var (_, localities) = app.Tokens();
        using var client = app.Client(localities["420500"]);
        var communities = await Reports.NotStartedAsync(data.Path, "420500", 3);
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        // Act + Assert: the rotation turns without a touch.
        await Assertions.Expect(screen).ToHaveAttributeAsync("data-panel", "map");
        await Assertions.Expect(screen).ToHaveAttributeAsync("data-panel", "ranking", new() { Timeout = 9_000 });
        await Assertions.Expect(screen).ToHaveAttributeAsync("data-panel", "map", new() { Timeout = 9_000 });

        // Act + Assert: a report through the API is on top of the ticker within two seconds.
        var ack = await Reports.PostAsync(client, "420500", communities);
        var top = page.Locator(".ticker-item").First;
        await Assertions.Expect(top).ToHaveAttributeAsync("data-report-id", ack.GetProperty("reportId").GetString()!, new() { Timeout = 2_000 });
        await Assertions.Expect(top).ToContainTextAsync("宜昌市");
        Assert.Equal(0, navigations);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("display-live.png") });
    }

    /// <summary>Signs the screen in with the demo display token and opens /display with the query.</summary>
    private static async Task OpenAsync(IPage page, AppProcess app, string query)
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, "demo-credentials.json")));
        var token = document.RootElement.GetProperty("display").GetString()!;
        await page.GotoAsync(new Uri(app.BaseAddress, $"/display/{token}{query}").ToString());
        await page.Locator("[data-testid='display-screen'][data-interactive='true'] .display-header").WaitForAsync(new() { Timeout = 30_000 });
    }
}
