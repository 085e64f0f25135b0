using System.Globalization;
using Microsoft.Playwright;
using static GreenCommunity.LoadTests.Markdown;

namespace GreenCommunity.LoadTests;

/// <summary>
/// display-soak: the meeting-room screen left on for M minutes. One Chromium page at the screen's size opens
/// /display/&lt;display token&gt;; a report every interval through the API; every sample: the page's JS heap, DOM nodes,
/// elements and event listeners (DevTools), whether its text changed since the last sample, the server's working set
/// and GC heap (dotnet-counters). Forced-GC readings of both right after load and at the end are the baseline the end
/// is held against; the samples after the warm-up are judged by <see cref="Trend.Rule"/>.
/// </summary>
internal static class DisplaySoakScenario
{
    /// <summary>The end (forced GC) may be at most this much above right after load (forced GC).</summary>
    private const double EndOverLoadLimit = 1.25;

    private sealed record Sample(double Minutes, PageReading Page, bool Changed, MemoryReading Server, long ChromiumBytes, int Posted, int Failed);

    public static async Task<int> RunAsync(Cli cli, Setup setup, string outPath)
    {
        var minutes = cli.Double("minutes", 60);
        var interval = cli.Double("interval", 2);
        var sampleSeconds = cli.Double("sample", 60);
        var viewport = new ViewportSize { Width = cli.Int("width", 1920), Height = cli.Int("height", 1080) };
        var rotate = cli.String("rotate");
        var warmup = Trend.WarmupMinutes(cli.Double("warmup", 5), minutes);
        var settle = cli.Double("settle", 10);
        var warmupReports = cli.Int("warmup-reports", 2);
        var label = cli.String("label", "");
        var log = Console.Out;
        var counters = new Counters(setup.RepositoryRoot, setup.WorkRoot, cli.String("keep-dumps"));

        var seed = await setup.SeedAsync(log);
        var credentials = Credentials.Read(seed);
        var token = credentials.Display
            ?? throw new InvalidOperationException($"{seed}/demo-credentials.json has no display token: this build has no meeting-room screen.");
        var data = setup.CopySeed(seed, "display-soak");
        var app = await ChildApp.StartAsync("dashboard", setup.DashboardDll, Setup.DashboardEnvironment(data), TimeSpan.FromMinutes(2));
        var samples = new List<Sample>();
        string browserVersion;
        PageReading loadedPage, endPage;
        MemoryReading loadedServer, endServer;
        double openSeconds;
        int posted, failed;
        CpuWindow cpu;
        try
        {
            using var poster = new ReportPoster(app.BaseAddress, credentials, data, Path.Combine(Path.GetDirectoryName(setup.DashboardDll)!, "wwwroot-assets"));
            await using var browser = await Browser.LaunchAsync(setup.Chromium, viewport);
            browserVersion = browser.Version;
            var page = await browser.Context.NewPageAsync();
            openSeconds = (await browser.OpenAsync(new Uri(app.BaseAddress, Selectors.DisplayTokenPathPrefix + token), 1, 1, DisplayReadyAsync, page)).TotalSeconds;
            if (rotate is not null)
            {
                // The token's link signs in and lands on the page without a query; the screen's own address takes the pace.
                await page.GotoAsync(new Uri(app.BaseAddress, $"{Selectors.DisplayPath}?{Selectors.DisplayRotateQuery}={Uri.EscapeDataString(rotate)}").ToString());
                await DisplayReadyAsync(page);
            }
            var probe = await PageProbe.AttachAsync(page, Selectors.DisplayScreen, Selectors.DisplayInteractive);
            // Warm-up reports before the baseline reading: the intake's and the live path's first runs pay for JIT
            // compilation and the first snapshot, which would otherwise count as growth.
            for (var w = 0; w < warmupReports; w++)
            {
                await poster.PostAsync(CancellationToken.None);
            }
            await log.WriteLineAsync($"  display interactive after {openSeconds:0.0} s; {warmupReports} warm-up report(s); settling {settle} s");
            await Task.Delay(TimeSpan.FromSeconds(settle));
            loadedPage = await probe.ReadAsync(forceGc: true);
            loadedServer = await counters.ReadAsync(app.Pid, forceGc: true);

            var cpuStart = CpuSnapshot.Take(app.Pid);
            await using (var reports = ReportLoop.Start(poster, interval))
            {
                var lastHash = loadedPage.TextHash;
                await SampleSchedule.RunAsync(minutes, sampleSeconds, async at =>
                {
                    var reading = await probe.ReadAsync(forceGc: false);
                    var server = await counters.ReadAsync(app.Pid, forceGc: false);
                    var sample = new Sample(at, reading, reading.TextHash != lastHash, server, CpuSnapshot.ChromiumResidentBytes(), reports.Posted, reports.Failed);
                    lastHash = reading.TextHash;
                    samples.Add(sample);
                    await log.WriteLineAsync($"  {at:0.0} min: JS heap {reading.JsHeapUsedBytes / MemoryReading.MiB:0.0} MiB, nodes {reading.Nodes:0}, " +
                        $"elements {reading.Elements}, listeners {reading.EventListeners:0}, changed {Yes(sample.Changed)}, " +
                        $"server WS {server.WorkingSetBytes / MemoryReading.MiB:0.0} MiB, GC heap {server.GcHeapBytes / MemoryReading.MiB:0.0} MiB, " +
                        $"reports {sample.Posted} ({sample.Failed} failed)");
                    if (app.HasExited)
                    {
                        await log.WriteLineAsync("  the app exited!");
                    }
                    return !app.HasExited;
                });
                posted = reports.Posted;
                failed = reports.Failed;
            }
            cpu = CpuSnapshot.Take(app.Pid) - cpuStart;
            endPage = await probe.ReadAsync(forceGc: true);
            endServer = await counters.ReadAsync(app.Pid, forceGc: true);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Setup.Discard(data);
        }

        var md = new Markdown()
            .Heading(3, $"display-soak{(label.Length > 0 ? $" — {label}" : "")}: {minutes} min at {viewport.Width}×{viewport.Height}, a report every {interval} s")
            .Machine(browserVersion)
            .Paragraph($"App: `{setup.DashboardDll}`. One Chromium page on `{Selectors.DisplayTokenPathPrefix}<display token>`, interactive after " +
                $"{Number(openSeconds, 1)} s, then {warmupReports} warm-up report(s) (not counted) and {Number(settle, 0)} s to settle; panel rotation: {(rotate is null ? "the page's default" : $"`{Selectors.DisplayPath}?{Selectors.DisplayRotateQuery}={rotate}`")}. " +
                $"Samples every {sampleSeconds} s, none with a forced GC: the page's JS heap in use, DOM nodes alive (DevTools `Nodes`: detached ones still held count) " +
                $"and elements in the document, event listeners, whether the text of `{Selectors.DisplayScreen}` changed since the previous sample, " +
                $"the server's working set and GC heap (dotnet-counters), Chromium's resident set (all its processes). " +
                $"Reports: {posted} posted, {failed} failed. Server CPU over the run: {Number(cpu.Server / cpu.Seconds)} s/s; " +
                $"Chromium {Number(cpu.Chromium / cpu.Seconds)} s/s; others {Number(cpu.Others / cpu.Seconds)} s/s.");
        md.Table(["min", "JS heap (MiB)", "DOM nodes", "elements", "listeners", "text changed", "interactive", "server WS (MiB)", "server GC heap (MiB)", "Chromium RSS (MiB)", "reports", "failed"],
            samples.Select(s => (IReadOnlyList<string>)
            [
                Number(s.Minutes, 1), MiB(s.Page.JsHeapUsedBytes), Number(s.Page.Nodes, 0), Count(s.Page.Elements), Number(s.Page.EventListeners, 0),
                Yes(s.Changed), Yes(s.Page.Interactive), MiB(s.Server.WorkingSetBytes), MiB(s.Server.GcHeapBytes), MiB(s.ChromiumBytes),
                Count(s.Posted), Count(s.Failed),
            ]));
        List<(double, double)> Series(Func<Sample, double> pick) => samples.Select(s => (s.Minutes, pick(s))).ToList();
        Trend.Table(md,
        [
            Trend.Of("JS heap (MiB)", Series(s => s.Page.JsHeapUsedBytes / MemoryReading.MiB), warmup),
            Trend.Of("DOM nodes (DevTools)", Series(s => s.Page.Nodes), warmup),
            Trend.Of("elements in the document", Series(s => s.Page.Elements), warmup),
            Trend.Of("event listeners", Series(s => s.Page.EventListeners), warmup),
            Trend.Of("server working set (MiB)", Series(s => s.Server.WorkingSetBytes / MemoryReading.MiB), warmup),
            Trend.Of("server GC heap (MiB)", Series(s => s.Server.GcHeapBytes / MemoryReading.MiB), warmup),
            Trend.Of("Chromium RSS (MiB)", Series(s => s.ChromiumBytes / MemoryReading.MiB), warmup),
        ], warmup);
        var changed = samples.Skip(1).Count(s => s.Changed);
        md.Paragraph($"Live: the screen's text changed between {changed} of {Math.Max(samples.Count - 1, 0)} pairs of consecutive samples; " +
            $"interactive in {samples.Count(s => s.Page.Interactive)} of {samples.Count} samples.");
        md.Paragraph($"Baseline (same run): the display page and the server right after load and at the end, each after a forced full GC " +
            $"(the page: DevTools `HeapProfiler.collectGarbage`; the server: dotnet-gcdump). Limit: the end at most {Number(EndOverLoadLimit)} × right after load " +
            "(room for the screen's first rotations and its lists filling once; what grows with every report outgrows it over an hour).");
        md.Table(["measure (forced GC)", "right after load", "end", "end ÷ after load", $"within {Number(EndOverLoadLimit)}×"],
        [
            Baseline("JS heap (MiB)", loadedPage.JsHeapUsedBytes / MemoryReading.MiB, endPage.JsHeapUsedBytes / MemoryReading.MiB),
            Baseline("DOM nodes (DevTools)", loadedPage.Nodes, endPage.Nodes),
            Baseline("elements in the document", loadedPage.Elements, endPage.Elements),
            Baseline("event listeners", loadedPage.EventListeners, endPage.EventListeners),
            Baseline("server live heap (MiB)", (loadedServer.LiveHeapBytes ?? double.NaN) / MemoryReading.MiB, (endServer.LiveHeapBytes ?? double.NaN) / MemoryReading.MiB),
            Baseline("server working set (MiB)", loadedServer.WorkingSetBytes / MemoryReading.MiB, endServer.WorkingSetBytes / MemoryReading.MiB),
        ]);
        await md.WriteAsync(outPath);
        return 0;
    }

    /// <summary>The display token's link signed in and landed on the display page, and its circuit is up.</summary>
    private static Task DisplayReadyAsync(IPage page) =>
        page.WaitForSelectorAsync(Selectors.DisplayInteractive, new PageWaitForSelectorOptions { Timeout = 180_000, State = WaitForSelectorState.Attached });

    private static IReadOnlyList<string> Baseline(string measure, double loaded, double end) =>
        [measure, Number(loaded, 1), Number(end, 1), Ratio(end, loaded), double.IsNaN(end) || loaded <= 0 ? "—" : Yes(end <= EndOverLoadLimit * loaded)];

    private static string MiB(double bytes) => Number(bytes / MemoryReading.MiB, 1);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Yes(bool value) => value ? "yes" : "no";
}
