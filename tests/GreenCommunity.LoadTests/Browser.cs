using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace GreenCommunity.LoadTests;

/// <summary>Debian's headless Chromium through Playwright; one context (one cookie jar), one tab per circuit.</summary>
internal sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
    }

    public IBrowserContext Context { get; }

    public string Version => _browser.Version;

    public List<IPage> Pages { get; } = [];

    /// <param name="viewport">The tabs' size; 1280×900 when not given.</param>
    public static async Task<Browser> LaunchAsync(string chromium, ViewportSize? viewport = null)
    {
        if (!File.Exists(chromium))
        {
            throw new FileNotFoundException($"Chromium not found at {chromium}: apt-get install -y chromium fonts-noto-cjk", chromium);
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // The TOOLCHAIN.md flags, and no throttling of tabs that are not in front: every tab is a screen someone watches.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 } });
        return new Browser(playwright, browser, context);
    }

    /// <summary>Signs in through the form on a first tab (the cookie serves every tab).</summary>
    public async Task<IPage> SignInAsync(Uri baseAddress, string user, string password)
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync(new Uri(baseAddress, Selectors.SignInPath).ToString());
        await page.GetByLabel(Selectors.UserLabel).FillAsync(user);
        await page.GetByLabel(Selectors.PasswordLabel).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = Selectors.SignInButton }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains(Selectors.SignInPath, StringComparison.Ordinal));
        return page;
    }

    /// <summary>
    /// Opens <paramref name="count"/> tabs on the address, <paramref name="concurrency"/> at a time, each waited for until
    /// <paramref name="ready"/> says its circuit is up. <paramref name="reuse"/>: a signed-in tab to navigate instead of a new one.
    /// </summary>
    public async Task<TimeSpan> OpenAsync(Uri address, int count, int concurrency, Func<IPage, Task> ready, IPage? reuse = null, TextWriter? log = null)
    {
        var started = Stopwatch.GetTimestamp();
        var opened = 0;
        using var gate = new SemaphoreSlim(concurrency);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var page = i == 0 && reuse is not null ? reuse : await Context.NewPageAsync();
                await page.GotoAsync(address.ToString(), new PageGotoOptions { Timeout = 180_000 });
                await ready(page);
                lock (Pages)
                {
                    Pages.Add(page);
                }
                var done = Interlocked.Increment(ref opened);
                if (log is not null && (done % 10 == 0 || done == count))
                {
                    await log.WriteLineAsync($"  {done}/{count} tabs interactive after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
                }
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>The dashboard's overview is interactive: its circuit is up.</summary>
    public static Task OverviewReadyAsync(IPage page) =>
        page.WaitForSelectorAsync(Selectors.OverviewInteractive, new PageWaitForSelectorOptions { Timeout = 180_000, State = WaitForSelectorState.Attached });

    /// <summary>The template's counter is interactive: a click counts (a click on the prerendered button does nothing).</summary>
    public static async Task CounterReadyAsync(IPage page)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 180;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await page.ClickAsync(Selectors.CounterButton, new PageClickOptions { Timeout = 60_000 });
            try
            {
                await page.WaitForFunctionAsync($"() => /Current count: [1-9]/.test(document.querySelector(\"{Selectors.CounterStatus}\")?.textContent ?? '')",
                    null, new PageWaitForFunctionOptions { Timeout = 1000, PollingInterval = 100 });
                return;
            }
            catch (TimeoutException)
            {
                // not interactive yet
            }
        }
        throw new TimeoutException("The counter page did not become interactive.");
    }

    /// <summary>
    /// A MutationObserver on each tab that records Date.now() when a feed item with a report id first appears
    /// (the ids already shown count at injection time and are never asked for).
    /// </summary>
    public async Task WatchFeedAsync()
    {
        var script = $$"""
            () => {
              if (window.__loadSeen) return;
              const seen = {};
              window.__loadSeen = seen;
              const scan = () => {
                const now = Date.now();
                for (const el of document.querySelectorAll("{{Selectors.FeedItem}}")) {
                  const id = el.getAttribute("{{Selectors.FeedReportIdAttribute}}");
                  if (id && !(id in seen)) seen[id] = now;
                }
              };
              scan();
              new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["{{Selectors.FeedReportIdAttribute}}"] });
            }
            """;
        await Task.WhenAll(Pages.Select(p => p.EvaluateAsync(script)));
    }

    /// <summary>How many of the ids are not yet seen, summed over all tabs.</summary>
    public async Task<int> MissingAsync(IReadOnlyList<string> ids)
    {
        var counts = await Task.WhenAll(Pages.Select(p => p.EvaluateAsync<int>("ids => ids.filter(id => !(id in (window.__loadSeen || {}))).length", ids)));
        return counts.Sum();
    }

    /// <summary>Per tab: report id → Date.now() when it appeared.</summary>
    public async Task<List<Dictionary<string, long>>> SeenAsync(IReadOnlyList<string> ids)
    {
        // As a JSON string: Playwright's own serialization of objects adds reference markers.
        var results = await Task.WhenAll(Pages.Select(p => p.EvaluateAsync<string>(
            "ids => JSON.stringify(Object.fromEntries(ids.filter(id => id in (window.__loadSeen || {})).map(id => [id, window.__loadSeen[id]])))", ids)));
        return results.Select(text =>
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (long)p.Value.GetDouble());
        }).ToList();
    }

    public async Task CloseTabsAsync()
    {
        var pages = Pages.ToList();
        Pages.Clear();
        foreach (var chunk in pages.Chunk(10))
        {
            await Task.WhenAll(chunk.Select(p => p.CloseAsync(new PageCloseOptions { RunBeforeUnload = true })));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Context.CloseAsync();
            await _browser.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // already gone
        }
        _playwright.Dispose();
    }
}
