using System.Diagnostics;
using static GreenCommunity.LoadTests.Markdown;

namespace GreenCommunity.LoadTests;

/// <summary>
/// pages: N signed-in tabs on the overview, a report every interval. Server CPU per report (report window minus the idle
/// rate), report → changed tab latency (a MutationObserver per tab), Chromium's CPU. Baseline: N tabs of the template's
/// counter page (idle only: it has no reports), the same page counts.
/// </summary>
internal static class PagesScenario
{
    private sealed record Row(string App, int Pages, TimeSpan Open, CpuWindow Idle, CpuWindow? Reports, int Posted, int Failed,
        (double P50, double P95, double P99, double Max, int Count)? Latency, int Missing, double PostP50, double PostMax, string Note);

    public static async Task<int> RunAsync(Cli cli, Setup setup, string outPath)
    {
        var pageCounts = cli.Ints("pages", "1,20,100");
        var reports = cli.Int("reports", 20);
        var interval = cli.Double("interval", 2.5);
        var settle = cli.Double("settle", 10);
        var concurrency = cli.Int("open-concurrency", 4);
        var grace = cli.Double("latency-timeout", 120);
        var quiesce = cli.Double("quiesce-timeout", 180);
        var baseline = cli.Bool("baseline", true);
        var warmup = cli.Int("warmup-reports", 2);
        var label = cli.String("label", "");
        var log = Console.Out;

        var seed = await setup.SeedAsync(log);
        var credentials = Credentials.Read(seed);
        var rows = new List<Row>();
        string? browserVersion = null;
        foreach (var n in pageCounts)
        {
            await log.WriteLineAsync($"== dashboard, {n} tab(s)");
            var (row, version) = await DashboardAsync(setup, seed, credentials, n, reports, interval, settle, concurrency, grace, quiesce, warmup, log);
            rows.Add(row);
            browserVersion ??= version;
            if (baseline)
            {
                await log.WriteLineAsync($"== template counter, {n} tab(s)");
                rows.Add(await CounterAsync(setup, n, reports * interval, settle, concurrency, log));
            }
        }

        var md = new Markdown().Heading(3, $"pages{(label.Length > 0 ? $" — {label}" : "")}: {reports} reports every {interval} s")
            .Machine(browserVersion)
            .Paragraph($"App: `{setup.DashboardDll}`. Idle window = report window = {reports} × {interval} s after {settle} s settling; the report " +
                $"window runs on until every tab has shown every report (or {grace} s). {warmup} warm-up report(s) are not counted; the idle window starts once every tab shows them (or {quiesce} s), then {settle} s settling. Server CPU per report = (CPU in the report window − idle rate × its length) ÷ reports. " +
                "Latency: client Date.now() just before the POST → Date.now() in the tab when the feed item with that report id appears. " +
                "CPU columns are CPU seconds per wall second (2.00 = both cores); \"others\" is everything else on the machine (builds, …).");
        var onePage = rows.FirstOrDefault(r => r.App == "dashboard" && r.Pages == pageCounts.Min());
        md.Table(
            ["app", "tabs", "open (s)", "idle: server", "idle: Chromium", "idle: others", "reports: server", "reports: Chromium", "reports: others",
                "server CPU s / report", $"vs {pageCounts.Min()} tab", "latency p50 (ms)", "p95", "max", "seen / expected", "POST p50 / max (ms)", "note"],
            rows.Select(r =>
            {
                var perReport = PerReport(r);
                return (IReadOnlyList<string>)
                [
                    r.App, r.Pages.ToString(System.Globalization.CultureInfo.InvariantCulture), Number(r.Open.TotalSeconds, 1),
                    Number(r.Idle.Server / r.Idle.Seconds), Number(r.Idle.Chromium / r.Idle.Seconds), Number(r.Idle.Others / r.Idle.Seconds),
                    r.Reports is { } w ? Number(w.Server / w.Seconds) : "—", r.Reports is { } w2 ? Number(w2.Chromium / w2.Seconds) : "—",
                    r.Reports is { } w3 ? Number(w3.Others / w3.Seconds) : "—",
                    Number(perReport, 3), onePage is null || r.App != "dashboard" ? "—" : Ratio(perReport, PerReport(onePage)),
                    r.Latency is { } l ? Number(l.P50, 0) : "—", r.Latency is { } l2 ? Number(l2.P95, 0) : "—", r.Latency is { } l3 ? Number(l3.Max, 0) : "—",
                    r.Latency is { } l4 ? $"{l4.Count} / {l4.Count + r.Missing}" : "—",
                    r.Reports is null ? "—" : $"{Number(r.PostP50, 0)} / {Number(r.PostMax, 0)}",
                    r.Note,
                ];
            }));
        await md.WriteAsync(outPath);
        return 0;
    }

    private static double PerReport(Row r) =>
        r.Reports is { } w && r.Posted > 0 ? (w.Server - r.Idle.Server / r.Idle.Seconds * w.Seconds) / r.Posted : double.NaN;

    private static async Task<(Row, string)> DashboardAsync(Setup setup, string seed, Credentials credentials, int n, int reports, double interval,
        double settle, int concurrency, double grace, double quiesce, int warmup, TextWriter log)
    {
        var data = setup.CopySeed(seed, $"pages-{n}");
        var app = await ChildApp.StartAsync("dashboard", setup.DashboardDll, Setup.DashboardEnvironment(data), TimeSpan.FromMinutes(2));
        try
        {
            using var poster = new ReportPoster(app.BaseAddress, credentials, data, Path.Combine(Path.GetDirectoryName(setup.DashboardDll)!, "wwwroot-assets"));
            await using var browser = await Browser.LaunchAsync(setup.Chromium);
            var first = await browser.SignInAsync(app.BaseAddress, Selectors.ViewerAccount, credentials.Passwords[Selectors.ViewerAccount]);
            var open = await browser.OpenAsync(new Uri(app.BaseAddress, Selectors.OverviewPath), n, concurrency, Browser.OverviewReadyAsync, first, log);
            await browser.WatchFeedAsync();
            var notes = new List<string>();
            // Warm-up reports (not measured): the intake's and the live path's first runs pay for JIT compilation. Then wait
            // until every tab shows them, so that no backlog runs into the idle window.
            var warmupIds = new List<string>();
            for (var w = 0; w < warmup; w++)
            {
                var report = await poster.PostAsync(CancellationToken.None);
                if (report.ReportId.Length > 0)
                {
                    warmupIds.Add(report.ReportId);
                }
                await Task.Delay(TimeSpan.FromSeconds(interval));
            }
            var quiet = Stopwatch.StartNew();
            var behind = await browser.MissingAsync(warmupIds);
            while (behind > 0 && quiet.Elapsed.TotalSeconds < quiesce)
            {
                await Task.Delay(2000);
                behind = await browser.MissingAsync(warmupIds);
            }
            if (behind > 0)
            {
                notes.Add($"warm-up reports still not shown on every tab after {quiesce} s");
            }
            await log.WriteLineAsync($"  {n} tab(s) open in {open.TotalSeconds:0.0} s, {warmup} warm-up report(s) shown after {quiet.Elapsed.TotalSeconds:0.0} s; settling {settle} s");
            await Task.Delay(TimeSpan.FromSeconds(settle));

            var windowSeconds = reports * interval;
            await log.WriteLineAsync($"  idle window {windowSeconds} s");
            var idleStart = CpuSnapshot.Take(app.Pid);
            await Task.Delay(TimeSpan.FromSeconds(windowSeconds));
            var idle = CpuSnapshot.Take(app.Pid) - idleStart;

            await log.WriteLineAsync($"  posting {reports} reports every {interval} s");
            var posted = new List<PostedReport>();
            var reportStart = CpuSnapshot.Take(app.Pid);
            var clock = Stopwatch.StartNew();
            for (var k = 0; k < reports; k++)
            {
                var due = TimeSpan.FromSeconds(k * interval) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
                posted.Add(await poster.PostAsync(CancellationToken.None));
            }
            var rest = TimeSpan.FromSeconds(reports * interval) - clock.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
            var ids = posted.Where(p => p.ReportId.Length > 0).Select(p => p.ReportId).ToList();
            var graceClock = Stopwatch.StartNew();
            var missing = await browser.MissingAsync(ids);
            while (missing > 0 && graceClock.Elapsed.TotalSeconds < grace)
            {
                await Task.Delay(2000);
                missing = await browser.MissingAsync(ids);
            }
            var reportWindow = CpuSnapshot.Take(app.Pid) - reportStart;

            var seen = await browser.SeenAsync(ids);
            var start = posted.Where(p => p.ReportId.Length > 0).ToDictionary(p => p.ReportId, p => p.StartUnixMs);
            var latencies = seen.SelectMany(tab => tab.Select(kv => (double)(kv.Value - start[kv.Key]))).ToList();
            var round = posted.Select(p => p.RoundTripMs).Order().ToList();
            missing = ids.Count * browser.Pages.Count - latencies.Count;
            if (app.HasExited)
            {
                notes.Add("app exited!");
            }
            if (missing > 0)
            {
                notes.Add($"{missing} tab×report not seen within {grace} s after the last report");
            }
            var note = string.Join("; ", notes);
            await log.WriteLineAsync($"  done: {latencies.Count} observations, missing {missing}");
            var row = new Row("dashboard", n, open, idle, reportWindow, ids.Count, posted.Count - ids.Count, Stats.Summary(latencies), missing,
                Stats.Percentile(round, 50), round.Count == 0 ? double.NaN : round[^1], note);
            return (row, browser.Version);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Setup.Discard(data);
        }
    }

    private static async Task<Row> CounterAsync(Setup setup, int n, double windowSeconds, double settle, int concurrency, TextWriter log)
    {
        var app = await ChildApp.StartAsync("counter", setup.CounterDll, new Dictionary<string, string>(), TimeSpan.FromMinutes(1));
        try
        {
            await using var browser = await Browser.LaunchAsync(setup.Chromium);
            var open = await browser.OpenAsync(new Uri(app.BaseAddress, Selectors.CounterPath), n, concurrency, Browser.CounterReadyAsync, null, log);
            await Task.Delay(TimeSpan.FromSeconds(settle));
            var idleStart = CpuSnapshot.Take(app.Pid);
            await Task.Delay(TimeSpan.FromSeconds(windowSeconds));
            var idle = CpuSnapshot.Take(app.Pid) - idleStart;
            return new Row("template counter", n, open, idle, null, 0, 0, null, 0, double.NaN, double.NaN, "idle only (no reports)");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
