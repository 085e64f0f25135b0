using Dapper;
using GreenCommunity.Data.Storage;
using Microsoft.Playwright;

namespace GreenCommunity.Dashboard.EndToEnd.Tests.Layout;

/// <summary>
/// Every page its users open, at a phone's width, a laptop's, a desktop's and a meeting room's 4K screen, in Chinese
/// and English: nothing scrolls sideways, nothing is cut off, no text is drawn over another, no label is squeezed.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class ScreenLayoutBrowserTests
{
    private static readonly (int Width, int Height)[] s_screens = [(375, 812), (1366, 768), (1920, 1080), (3840, 2160)];

    private static readonly string[] s_languages = ["zh-CN", "en"];

    /// <summary>Who opens what; the selector says when the page has become interactive (null: once the network is idle).</summary>
    private static readonly (string? User, string Path, string? Ready)[] s_pages =
    [
        ("leader", "/", ".overview[data-interactive='true']"),
        ("leader", "/locality/420100", ".locality-page[data-interactive='true']"),
        ("wuhan", "/reports/submit", ".submit-report[data-interactive='true']"),
        ("wuhan", "/locality/420100/communities", "[data-testid='community-link'] >> nth=0"),
        ("leader", "/communities", "[data-testid='community-link'] >> nth=0"),
        ("wuhan", "/community/{community}", "[data-testid='community-page']"),
        ("wuhan", "/reports/{report}", "[data-testid='report-page']"),
        ("leader", "/compliance", ".compliance-page[data-interactive='true']"),
        ("admin", "/admin/accounts", null),
        ("admin", "/admin/audit", null),
        (null, "/account/login", null),
        (null, "/no-such-page", null),
    ];

    [Fact]
    public async Task EveryPage_AtFourScreenSizesInBothLanguages_ReadsWithoutOverflowOrOverlap()
    {
        // Arrange
        using var data = await TempDirectory.WithDemoStoreAsync();
        await using var app = await AppProcess.StartAsync(data.Path, TestContext.Current.CancellationToken);
        await using var browser = await BrowserSession.StartAsync();
        var pages = new Dictionary<string, IPage>(StringComparer.Ordinal);
        var problems = new List<string>();
        var (community, report) = await ReportedCommunityAsync(data.Path);

        // Act: each page, signed in as its user, at each size and in each language.
        foreach (var (user, template, ready) in s_pages)
        {
            var path = template.Replace("{community}", community, StringComparison.Ordinal).Replace("{report}", Uri.EscapeDataString(report), StringComparison.Ordinal);
            var key = user ?? "anonymous";
            if (!pages.TryGetValue(key, out var page))
            {
                (page, _) = await browser.NewPageAsync();
                if (user is not null)
                {
                    await BrowserSession.SignInAsync(page, app.BaseAddress, user, app.Password(user));
                }
                pages[key] = page;
            }
            foreach (var language in s_languages)
            {
                foreach (var (width, height) in s_screens)
                {
                    await page.SetViewportSizeAsync(width, height);
                    await page.GotoAsync(new Uri(app.BaseAddress, $"{path}?culture={language}").ToString());
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    if (ready is not null)
                    {
                        await page.Locator(ready).WaitForAsync(new() { Timeout = 15_000 });
                    }
                    var found = await LayoutProbe.ProblemsAsync(page);
                    var where = $"{path} as {key}, {language}, {width}×{height}";
                    problems.AddRange(found.Select(p => $"{where}: {p}"));
                    if (found.Count > 0 || path == "/")
                    {
                        var name = $"layout-{key}-{template.Trim('/').Replace('/', '-').Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal)}-{language}-{width}.png";
                        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath(name), FullPage = width < 3000 });
                    }
                }
            }
        }

        // Assert
        Assert.True(problems.Count == 0, $"{problems.Count} layout problems:\n" + string.Join('\n', problems));
    }

    /// <summary>A Wuhan community of the demo that a report changed, and that report: the record pages need real ones.</summary>
    private static async Task<(string Community, string Report)> ReportedCommunityAsync(string dataDirectory)
    {
        await using var connection = await SqliteStore.ForDirectory(dataDirectory).OpenAsync(CancellationToken.None);
        return await connection.QuerySingleAsync<(string, string)>(
            """
            SELECT e.community_code, r.report_id
              FROM stage_events e JOIN reports r ON r.id = e.report
             WHERE r.locality_code = '420100'
             ORDER BY e.id DESC LIMIT 1
            """);
    }
}
