using System.Globalization;
using Microsoft.Playwright;

namespace GreenCommunity.Dashboard.EndToEnd.Tests.Acceptance;

/// <summary>Issue 14's acceptance review in the browser: a locality applies, the province accepts on the page, an open overview changes live.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class AcceptanceBrowserTests
{
    [Fact]
    public async Task Review_LocalityAppliesProvinceAcceptsOnThePage_OpenOverviewsFiguresMapAndQueueChangeWithoutReload()
    {
        // Arrange: a Wuhan community in progress with all 16 criteria met; a leader watching the overview
        using var data = await TempDirectory.WithDemoStoreAsync();
        await using var app = await AppProcess.StartAsync(data.Path, TestContext.Current.CancellationToken);
        var (_, localities) = app.Tokens();
        using var wuhanApi = app.Client(localities["420100"]);
        var community = (await Reports.NotStartedAsync(data.Path, "420100", 1))[0];
        await Reports.PostReadyAsync(wuhanApi, "420100", [community]);
        await using var browser = await BrowserSession.StartAsync();
        var (overview, cspViolations) = await browser.NewPageAsync(1400, 1400);
        await BrowserSession.SignInAsync(overview, app.BaseAddress, "leader", app.Password("leader"));
        await overview.Locator(".overview[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        var acceptedBefore = ReadCount(await overview.Locator("[data-testid='accepted-value']").InnerTextAsync());
        await Assertions.Expect(overview.Locator("[data-testid='acceptance-waiting']")).ToContainTextAsync("暂无待审核申请");
        var navigations = 0;
        overview.FrameNavigated += (_, _) => navigations++;

        // Act 1: the coordinator applies on the queue page
        var (coordinator, _) = await browser.NewPageAsync(1366, 900);
        await BrowserSession.SignInAsync(coordinator, app.BaseAddress, "wuhan", app.Password("wuhan"));
        await coordinator.GotoAsync(new Uri(app.BaseAddress, "/acceptance").ToString());
        await coordinator.Locator(".acceptance-queue[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        await coordinator.Locator("input[data-testid='candidate-search']").FillAsync(community);
        var candidate = coordinator.Locator($"[data-testid='candidate'][data-code='{community}']");
        await Assertions.Expect(candidate).ToContainTextAsync("达标 16/16");
        await candidate.Locator("input").CheckAsync();
        await coordinator.Locator("textarea[data-testid='application-note']").FillAsync("自评16项全部达标");
        await coordinator.Locator("[data-testid='application-submit']").ClickAsync();
        var done = coordinator.Locator("[data-testid='application-done'] a");
        await done.WaitForAsync(new() { Timeout = 5_000 });
        var requestPath = await done.GetAttributeAsync("href");

        // Assert 1: the overview's queue card counts it, live
        await Assertions.Expect(overview.Locator("[data-testid='acceptance-waiting']")).ToContainTextAsync("待审核 1 件（1 个社区）", new() { Timeout = 2_000 });

        // Act 2: the province reviews (all 16 ticked, as reported) and accepts on the request's page
        var (province, _) = await browser.NewPageAsync(1366, 900);
        await BrowserSession.SignInAsync(province, app.BaseAddress, "admin", app.Password("admin"));
        await province.GotoAsync(new Uri(app.BaseAddress, requestPath!).ToString());
        await province.Locator(".acceptance-request[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        var form = province.Locator($"[data-testid='decision-form'][data-code='{community}']");
        await Assertions.Expect(form.Locator("[data-testid='criterion'] input:checked")).ToHaveCountAsync(16);
        await form.Locator("[data-testid='decision-accept']").ClickAsync();

        // Assert 2: the page shows it accepted; the open overview's figure, map and queue change within 2 seconds, without a reload
        await Assertions.Expect(province.Locator("[data-testid='decision-view']")).ToHaveAttributeAsync("data-status", "accepted", new() { Timeout = 5_000 });
        await Assertions.Expect(province.Locator("[data-testid='request-status']")).ToContainTextAsync("已结论");
        var expected = (acceptedBefore + 1).ToString("N0", CultureInfo.InvariantCulture);
        await Assertions.Expect(overview.Locator("[data-testid='accepted-value']")).ToHaveTextAsync(expected, new() { Timeout = 2_000 });
        await Assertions.Expect(overview.Locator("[data-testid='map-panel'] use[data-code='420100']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("highlight"), new() { Timeout = 2_000 });
        await Assertions.Expect(overview.Locator("[data-testid='acceptance-waiting']")).ToContainTextAsync("暂无待审核申请", new() { Timeout = 2_000 });
        await Assertions.Expect(overview.Locator(".feed-item").First).ToContainTextAsync("武汉市");
        Assert.Equal(0, navigations);
        await province.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("acceptance-decided.png"), FullPage = true });
        Assert.Empty(cspViolations);
    }

    private static int ReadCount(string text) => int.Parse(text.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
