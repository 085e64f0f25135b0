using System.Globalization;
using static GreenCommunity.LoadTests.Markdown;

namespace GreenCommunity.LoadTests;

/// <summary>
/// soak: P overview tabs, a report every interval for M minutes; working set and GC heap (dotnet-counters, no forced GC)
/// every sample interval; start, end and a least-squares slope per 10 minutes after a warm-up (<see cref="Trend"/>). A forced-GC reading (dotnet-gcdump) at
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
        var warmup = Trend.WarmupMinutes(cli.Double("warmup", 5), minutes);
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

            var cpuStart = CpuSnapshot.Take(app.Pid);
            await using (var reports = ReportLoop.Start(poster, interval))
            {
                await SampleSchedule.RunAsync(minutes, sampleSeconds, async at =>
                {
                    var reading = await counters.ReadAsync(app.Pid, forceGc: false);
                    samples.Add(new Sample(at, reading, reports.Posted, reports.Failed));
                    await log.WriteLineAsync($"  {at:0.0} min: WS {reading.WorkingSetBytes / MemoryReading.MiB:0.0} MiB, GC heap {reading.GcHeapBytes / MemoryReading.MiB:0.0} MiB, " +
                        $"reports {reports.Posted} ({reports.Failed} failed)");
                    if (app.HasExited)
                    {
                        await log.WriteLineAsync("  the app exited!");
                    }
                    return !app.HasExited;
                });
            }
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
        List<(double, double)> Series(Func<MemoryReading, double> pick) => samples.Select(s => (s.Minutes, pick(s.Reading) / MemoryReading.MiB)).ToList();
        Trend.Table(md, [Trend.Of("working set (MiB)", Series(r => r.WorkingSetBytes), warmup), Trend.Of("GC heap (MiB)", Series(r => r.GcHeapBytes), warmup)], warmup);
        md.Table(["live heap after forced GC (MiB)", "start", "end"],
            [["dotnet-gcdump", Number((forcedStart.LiveHeapBytes ?? double.NaN) / MemoryReading.MiB, 1), Number((forcedEnd.LiveHeapBytes ?? double.NaN) / MemoryReading.MiB, 1)]]);
        await md.WriteAsync(outPath);
        return 0;
    }
}
