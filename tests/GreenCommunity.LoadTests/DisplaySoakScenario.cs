using Microsoft.Playwright;

namespace GreenCommunity.LoadTests;

/// <summary>
/// display-soak: the meeting-room screen left on for M minutes. One Chromium page at the screen's size opens
/// /display/&lt;display token&gt;; a report every interval through the API; every sample: the page's JS heap, DOM nodes,
/// elements and event listeners (DevTools), whether its text changed since the last sample, the server's working set
/// and GC heap (dotnet-counters). Forced-GC readings of both right after load and at the end are the baseline the end
/// is held against; the samples after the warm-up are judged by <see cref="Trend.Rule"/> (<see cref="DisplaySoakResults"/>).
/// </summary>
internal static class DisplaySoakScenario
{
    private static readonly ProbeTarget s_screen = new(Selectors.DisplayScreen, Selectors.DisplayInteractive, Selectors.DisplayPanelAttribute);

    public static async Task<int> RunAsync(Cli cli, Setup setup, string outPath)
    {
        var run = new DisplaySoakRun(
            cli.Double("minutes", 60), cli.Double("interval", 2), cli.Double("sample", 60),
            new ViewportSize { Width = cli.Int("width", 1920), Height = cli.Int("height", 1080) }, cli.String("rotate"),
            cli.Double("settle", 10), cli.Int("warmup-reports", 2), cli.String("label", ""), setup.DashboardDll);
        var warmup = Trend.WarmupMinutes(cli.Double("warmup", 5), run.Minutes);
        var log = Console.Out;
        var counters = new Counters(setup.RepositoryRoot, setup.WorkRoot, cli.String("keep-dumps"));

        var seed = await setup.SeedAsync(log);
        var credentials = Credentials.Read(seed);
        var token = credentials.Display
            ?? throw new InvalidOperationException($"{seed}/demo-credentials.json has no display token: this build has no meeting-room screen.");
        var data = setup.CopySeed(seed, "display-soak");
        var app = await ChildApp.StartAsync("dashboard", setup.DashboardDll, Setup.DashboardEnvironment(data), TimeSpan.FromMinutes(2));
        var samples = new List<DisplaySample>();
        try
        {
            using var poster = new ReportPoster(app.BaseAddress, credentials, data, Path.Combine(Path.GetDirectoryName(setup.DashboardDll)!, "wwwroot-assets"));
            await using var browser = await Browser.LaunchAsync(setup.Chromium, run.Viewport);
            var page = await browser.Context.NewPageAsync();
            // The token's link carries its query on to /display, as a screen's address would.
            var link = Selectors.DisplayTokenPathPrefix + token + (run.Rotate is null ? "" : $"?{Selectors.DisplayRotateQuery}={Uri.EscapeDataString(run.Rotate)}");
            var open = await browser.OpenAsync(new Uri(app.BaseAddress, link), 1, 1, DisplayReadyAsync, page);
            var probe = await PageProbe.AttachAsync(page, s_screen);
            // Warm-up reports before the baseline reading: the intake's and the live path's first runs pay for JIT
            // compilation and the first snapshot, which would otherwise count as growth.
            for (var w = 0; w < run.WarmupReports; w++)
            {
                await poster.PostAsync(CancellationToken.None);
            }
            await log.WriteLineAsync($"  display interactive after {open.TotalSeconds:0.0} s; {run.WarmupReports} warm-up report(s); settling {run.Settle} s");
            await Task.Delay(TimeSpan.FromSeconds(run.Settle));
            var loaded = new Forced(await probe.ReadAsync(forceGc: true), await counters.ReadAsync(app.Pid, forceGc: true));

            var cpuStart = CpuSnapshot.Take(app.Pid);
            int posted, failed;
            await using (var reports = ReportLoop.Start(poster, run.Interval))
            {
                var lastHash = loaded.Page.TextHash;
                await SampleSchedule.RunAsync(run.Minutes, run.SampleSeconds, async at =>
                {
                    var sample = await SampleAsync(at, probe, lastHash, counters, app.Pid, reports);
                    lastHash = sample.Page.TextHash;
                    samples.Add(sample);
                    await log.WriteLineAsync(DisplaySoakResults.LogLine(sample));
                    if (app.HasExited)
                    {
                        await log.WriteLineAsync("  the app exited!");
                    }
                    return !app.HasExited;
                });
                posted = reports.Posted;
                failed = reports.Failed;
            }
            var cpu = CpuSnapshot.Take(app.Pid) - cpuStart;
            // Like with like: the end reading waits (one rotation at most) for the panel the load reading saw.
            var samePanel = await probe.WaitForPhaseAsync(loaded.Page.Phase, TimeSpan.FromMinutes(5));
            var end = new Forced(await probe.ReadAsync(forceGc: true), await counters.ReadAsync(app.Pid, forceGc: true));
            await DisplaySoakResults.Write(run with { OpenSeconds = open.TotalSeconds, BrowserVersion = browser.Version }, samples, warmup,
                loaded, end, samePanel, posted, failed, cpu).WriteAsync(outPath);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Setup.Discard(data);
        }
        return 0;
    }

    /// <summary>
    /// One sample: the page as it is, then after a forced GC (what it really keeps: garbage between the browser's own
    /// collections would otherwise read as growth), the server, Chromium, the reports so far.
    /// </summary>
    private static async Task<DisplaySample> SampleAsync(double at, PageProbe probe, string lastHash, Counters counters, int pid, ReportLoop reports)
    {
        var page = await probe.ReadAsync(forceGc: false);
        var retained = await probe.ReadAsync(forceGc: true);
        var server = await counters.ReadAsync(pid, forceGc: false);
        return new DisplaySample(at, page, retained, page.TextHash != lastHash, server, CpuSnapshot.ChromiumResidentBytes(), reports.Posted, reports.Failed);
    }

    /// <summary>The display token's link signed in and landed on the display page, and its circuit is up.</summary>
    private static Task DisplayReadyAsync(IPage page) =>
        page.WaitForSelectorAsync(Selectors.DisplayInteractive, new PageWaitForSelectorOptions { Timeout = 180_000, State = WaitForSelectorState.Attached });
}
