using Dapper;
using GreenCommunity.Data.Storage;
using Microsoft.Playwright;

namespace GreenCommunity.Dashboard.EndToEnd.Tests;

/// <summary>Issue 10, item 13: the form takes every narrative the API takes (20,000 characters), Chinese ones too.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class NarrativeBrowserTests
{
    /// <summary>The API's limit (Intake/ReportRequestParser.MaxNarrativeLength); this project does not reference the app's assembly.</summary>
    private const int MaxNarrativeLength = 20_000;

    [Fact]
    public async Task SubmitPage_NarrativeOfTwentyThousandChineseCharacters_IsCheckedSubmittedAndStored()
    {
        // Arrange: the whole limit, in characters that take three bytes each on the wire.
        using var data = await TempDirectory.WithDemoStoreAsync();
        await using var app = await AppProcess.StartAsync(data.Path, TestContext.Current.CancellationToken);
        await using var browser = await BrowserSession.StartAsync();
        var (page, _) = await browser.NewPageAsync();
        var hubErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                hubErrors.Add(message.Text);
            }
        };
        var community = (await Reports.NotStartedAsync(data.Path, "420100", 1))[0];
        var narrative = string.Concat(Enumerable.Repeat("武汉市绿色社区创建进展顺利。", MaxNarrativeLength))[..MaxNarrativeLength];

        // Act
        await BrowserSession.SignInAsync(page, app.BaseAddress, "wuhan", app.Password("wuhan"));
        await page.GotoAsync(new Uri(app.BaseAddress, "/reports/submit").ToString());
        await page.Locator(".submit-report[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        await BrowserSession.PickCommunityAsync(page, community);
        await page.GetByLabel("阶段").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "创建中" }).First.ClickAsync();
        var field = page.GetByLabel("工作进展说明");
        await field.FillAsync(narrative);
        await field.BlurAsync();
        await page.GetByTestId("check").ClickAsync();
        await Assertions.Expect(page.GetByTestId("check-passed")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await page.GetByTestId("submit").ClickAsync();

        // Assert: the receipt, and the narrative stored whole.
        await Assertions.Expect(page.GetByTestId("receipt")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await using var connection = await SqliteStore.ForDirectory(data.Path).OpenAsync(CancellationToken.None);
        var stored = await connection.ExecuteScalarAsync<string>("SELECT narrative FROM reports WHERE submitted_by LIKE '武汉市%' ORDER BY id DESC LIMIT 1");
        Assert.Equal(narrative, stored);
        Assert.DoesNotContain(hubErrors, e => e.Contains("error on close", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SubmitPage_NarrativeField_StopsAtTheApisLimit()
    {
        // Arrange
        using var data = await TempDirectory.WithDemoStoreAsync();
        await using var app = await AppProcess.StartAsync(data.Path, TestContext.Current.CancellationToken);
        await using var browser = await BrowserSession.StartAsync();
        var (page, _) = await browser.NewPageAsync();

        // Act: a paste one character over the limit.
        await BrowserSession.SignInAsync(page, app.BaseAddress, "wuhan", app.Password("wuhan"));
        await page.GotoAsync(new Uri(app.BaseAddress, "/reports/submit").ToString());
        await page.Locator(".submit-report[data-interactive='true']").WaitForAsync(new() { Timeout = 15_000 });
        var field = page.GetByLabel("工作进展说明");
        await field.FillAsync(new string('社', MaxNarrativeLength + 1));

        // Assert: the browser keeps the limit.
        Assert.Equal(MaxNarrativeLength, (await field.InputValueAsync()).Length);
    }
}
