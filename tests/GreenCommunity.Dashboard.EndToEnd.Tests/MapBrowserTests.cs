using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GreenCommunity.Dashboard.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public sealed class MapBrowserTests
{
    [Fact]
    public async Task Overview_ChangeTheDateThenAReportArrives_MapAndFiguresFollow()
    {
        // Arrange
        using var data = await TempDirectory.WithDemoStoreAsync();
        await using var app = await AppProcess.StartAsync(data.Path, TestContext.Current.CancellationToken);
        await using var browser = await BrowserSession.StartAsync();
        var (page, cspViolations) = await browser.NewPageAsync(1400, 1500);
        await BrowserSession.SignInAsync(page, app.BaseAddress, "leader", app.Password("leader"));
        await page.Locator(".overview[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        var wuhan = page.Locator("[data-testid='map-panel'] use[data-code='420100']");
        var fillToday = await wuhan.GetAttributeAsync("fill");
        var startedToday = await page.GetByTestId("started-value").InnerTextAsync();
        var rankingToday = await page.GetByTestId("milestone-ranking").InnerTextAsync();

        // Act 1: an earlier day, typed into the date field (mid-implementation: the map measures against the 30% started target then).
        var date = page.Locator("input[data-testid='as-of-date']");
        await date.FillAsync("2022-03-31");
        await date.PressAsync("Tab");

        // Assert 1: the address, the map and the figures are those of that day.
        // Blazor's router changes the address in the same document (pushState): poll the address rather than wait for a
        // navigation's load, which under load was seen to time out with the address already changed.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("asOf=2022-03-31"));
        await Assertions.Expect(page.GetByTestId("as-of")).ToContainTextAsync("2022-03-31");
        await Assertions.Expect(wuhan).Not.ToHaveAttributeAsync("fill", fillToday!);
        await Assertions.Expect(page.GetByTestId("started-value")).Not.ToHaveTextAsync(startedToday);
        await Assertions.Expect(page.GetByTestId("milestone-ranking")).Not.ToHaveTextAsync(rankingToday);   // a chart follows the day too
        await Assertions.Expect(page.GetByTestId("timeline-now")).ToContainTextAsync("2022-03-31");

        // Act 2: back to today, colour by this month's reporting, and Yichang reports.
        await page.GetByTestId("as-of-today").ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("asOf"));
        await page.GetByTestId("map-metric").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "本月报送情况" }).First.ClickAsync();
        var yichang = page.Locator("[data-testid='map-panel'] use[data-code='420500']");
        var before = await yichang.GetAttributeAsync("data-bin");
        var (_, tokens) = app.Tokens();
        using var client = app.Client(tokens["420500"]);
        await Reports.PostAsync(client, "420500", await Reports.NotStartedAsync(data.Path, "420500", 2));

        // Assert 2: recoloured without a reload, and flashed.
        await Assertions.Expect(yichang).Not.ToHaveAttributeAsync("data-bin", before!, new() { Timeout = 2_000 });
        await Assertions.Expect(yichang).ToHaveClassAsync(new Regex("highlight"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("overview-zh.png"), FullPage = true });
        Assert.Empty(cspViolations);
    }

    [Fact]
    public async Task Locality_ClickedOnTheMap_OpensItsCountyMapInEnglish()
    {
        // Arrange
        using var data = await TempDirectory.WithDemoStoreAsync();
        await using var app = await AppProcess.StartAsync(data.Path, TestContext.Current.CancellationToken);
        await using var browser = await BrowserSession.StartAsync();
        var (page, _) = await browser.NewPageAsync(1400, 1500);
        await BrowserSession.SignInAsync(page, app.BaseAddress, "leader", app.Password("leader"));
        await page.GotoAsync(new Uri(app.BaseAddress, "/?culture=en").ToString());
        await page.Locator(".overview[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("overview-en.png"), FullPage = true });

        // Act: keyboard, as a screen-reader user would: focus Wuhan's region and press Enter.
        var wuhan = page.Locator("[data-testid='map-panel'] a[data-code='420100']");
        await wuhan.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        // Assert
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/locality/420100"));
        await page.Locator(".locality-page[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Wuhan");
        await Assertions.Expect(page.Locator("[data-testid='map-panel'] use[data-code]")).ToHaveCountAsync(13);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("locality-en.png"), FullPage = true });

        // Act 2: a heat-map cell of a district (shared markup; the click reaches the page as heatcellclick).
        var cell = page.Locator("[data-testid='criteria-heatmap'] td.heat-cell[data-criterion='12'] button").First;
        await cell.ClickAsync();

        // Assert 2: the communities behind it, named in English.
        await Assertions.Expect(page.GetByTestId("unmet-list")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("unmet-list")).ToContainTextAsync("criterion 12");
    }
}
