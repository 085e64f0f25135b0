using System.Diagnostics;
using System.Globalization;
using static GreenCommunity.LoadTests.Markdown;

namespace GreenCommunity.LoadTests;

/// <summary>
/// soak: P overview tabs, a report every interval for M minutes; working set and GC heap (dotnet-counters, no forced GC)
/// every sample interval; start, end and a least-squares slope per 10 minutes. A forced-GC reading (dotnet-gcdump) at
/// the start and at the end of the report period shows what is really kept.
/// </summary>
internal static class SoakScenario
{
    private sealed record Sample(double Minutes, MemoryReading Reading, int Posted, int Failed);

    public static async Task<int> RunAsync(Cli cli, Setup setup, string outPath)
    {
        var minutes = cli.Double("minutes", 30);
        var pages = cli.Int("pages", 50);
        var interval = cli.Double("interval", 2);
        var sampleSeconds = cli.Double("sample", 30);
        var concurrency = cli.Int("open-concurrency", 4);
        var label = cli.String("label", "");
        var log = Console.Out;
        Directory.CreateDirectory(setup.WorkRoot);
        var counters = new Counters(setup.RepositoryRoot, setup.WorkRoot, cli.String("keep-dumps"));

        var seed = await setup.SeedAsync(log);
        var credentials = Credentials.Read(seed);
        var data = setup.CopySeed(seed, "soak");
        var app = await ChildApp.StartAsync("dashboard", setup.DashboardDll, Setup.DashboardEnvironment(data), TimeSpan.FromMinutes(2));
        var samples = new List<Sample>();
        string browserVersion;
        MemoryReading forcedStart, forcedEnd;
        CpuWindow cpu;
        try
        {
            using var poster = new ReportPoster(app.BaseAddress, credentials, data, Path.Combine(Path.GetDirectoryName(setup.DashboardDll)!, "wwwroot-assets"));
            await using var browser = await Browser.LaunchAsync(setup.Chromium);
            browserVersion = browser.Version;
            var first = await browser.SignInAsync(app.BaseAddress, Selectors.ViewerAccount, credentials.Passwords[Selectors.ViewerAccount]);
            var open = await browser.OpenAsync(new Uri(app.BaseAddress, Selectors.OverviewPath), pages, concurrency, Browser.OverviewReadyAsync, first, log);
            await log.WriteLineAsync($"  {pages} tabs in {open.TotalSeconds:0.0} s; settling 10 s");
            await Task.Delay(10_000);
            forcedStart = await counters.ReadAsync(app.Pid, forceGc: true);

            using var stop = new CancellationTokenSource();
            var posted = 0;
            var failed = 0;
            var reporter = Task.Run(async () =>
            {
                var clock = Stopwatch.StartNew();
                for (var k = 0; !stop.IsCancellationRequested; k++)
                {
                    var due = TimeSpan.FromSeconds(k * interval) - clock.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        try
                        {
                            await Task.Delay(due, stop.Token);
                        }
                        catch (OperationCanceledException)
                        {
                            break;
                        }
                    }
                    var report = await poster.PostAsync(CancellationToken.None);
                    if (report.ReportId.Length > 0)
                    {
                        Interlocked.Increment(ref posted);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
            });

            var cpuStart = CpuSnapshot.Take(app.Pid);
            var total = Stopwatch.StartNew();
            for (var s = 0; ; s++)
            {
                var due = TimeSpan.FromSeconds(s * sampleSeconds) - total.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
                if (total.Elapsed.TotalMinutes > minutes + 0.01)
                {
                    break;
                }
                var reading = await counters.ReadAsync(app.Pid, forceGc: false);
                samples.Add(new Sample(total.Elapsed.TotalMinutes, reading, Volatile.Read(ref posted), Volatile.Read(ref failed)));
                await log.WriteLineAsync($"  {total.Elapsed.TotalMinutes:0.0} min: WS {reading.WorkingSetBytes / MemoryReading.MiB:0.0} MiB, GC heap {reading.GcHeapBytes / MemoryReading.MiB:0.0} MiB, " +
                    $"reports {posted} ({failed} failed)");
                if (app.HasExited)
                {
                    await log.WriteLineAsync("  the app exited!");
                    break;
                }
            }
            await stop.CancelAsync();
            await reporter;
            cpu = CpuSnapshot.Take(app.Pid) - cpuStart;
            forcedEnd = await counters.ReadAsync(app.Pid, forceGc: true);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Setup.Discard(data);
        }

        var md = new Markdown().Heading(3, $"soak{(label.Length > 0 ? $" — {label}" : "")}: {minutes} min, {pages} tabs, a report every {interval} s").Machine(browserVersion)
            .Paragraph($"App: `{setup.DashboardDll}`. Samples every {sampleSeconds} s from dotnet-counters (no forced GC): working set, GC heap after the last GC. " +
                $"Server CPU over the run: {Number(cpu.Server / cpu.Seconds)} s/s; Chromium {Number(cpu.Chromium / cpu.Seconds)} s/s; others {Number(cpu.Others / cpu.Seconds)} s/s.");
        md.Table(["min", "working set (MiB)", "GC heap (MiB)", "GC committed (MiB)", "reports", "failed"],
            samples.Select(s => (IReadOnlyList<string>)
            [
                Number(s.Minutes, 1), Number(s.Reading.WorkingSetBytes / MemoryReading.MiB, 1), Number(s.Reading.GcHeapBytes / MemoryReading.MiB, 1),
                Number(s.Reading.GcCommittedBytes / MemoryReading.MiB, 1),
                s.Posted.ToString(CultureInfo.InvariantCulture), s.Failed.ToString(CultureInfo.InvariantCulture),
            ]));
        double SlopePer10(Func<MemoryReading, double> pick) =>
            Stats.Slope(samples.Select(s => (s.Minutes, pick(s.Reading) / MemoryReading.MiB)).ToList()) * 10;
        var firstSample = samples.FirstOrDefault();
        var lastSample = samples.LastOrDefault();
        md.Table(["measure", "start (MiB)", "end (MiB)", "least-squares slope (MiB / 10 min)"],
        [
            ["working set", Number((firstSample?.Reading.WorkingSetBytes ?? double.NaN) / MemoryReading.MiB, 1), Number((lastSample?.Reading.WorkingSetBytes ?? double.NaN) / MemoryReading.MiB, 1), Number(SlopePer10(r => r.WorkingSetBytes), 2)],
            ["GC heap", Number((firstSample?.Reading.GcHeapBytes ?? double.NaN) / MemoryReading.MiB, 1), Number((lastSample?.Reading.GcHeapBytes ?? double.NaN) / MemoryReading.MiB, 1), Number(SlopePer10(r => r.GcHeapBytes), 2)],
            ["live heap after forced GC", Number((forcedStart.LiveHeapBytes ?? double.NaN) / MemoryReading.MiB, 1), Number((forcedEnd.LiveHeapBytes ?? double.NaN) / MemoryReading.MiB, 1), "—"],
        ]);
        await md.WriteAsync(outPath);
        return 0;
    }
}
