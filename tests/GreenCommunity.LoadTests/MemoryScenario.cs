using System.Diagnostics;
using static GreenCommunity.LoadTests.Markdown;

namespace GreenCommunity.LoadTests;

/// <summary>
/// memory: server memory per open circuit. For the dashboard (N overview tabs) and the template counter (N /counter tabs):
/// a reading after one warm-up tab was opened and closed, after N tabs, and at times after closing them. Each reading
/// forces a full GC first (dotnet-gcdump) and then takes dotnet-counters' System.Runtime figures.
/// </summary>
internal static class MemoryScenario
{
    private sealed record Stage(string Name, double Seconds, MemoryReading Reading, long ChromiumBytes);

    private sealed record Result(string App, int Tabs, List<Stage> Stages);

    public static async Task<int> RunAsync(Cli cli, Setup setup, string outPath)
    {
        var n = cli.Int("pages", 20);
        var settle = cli.Double("settle", 10);
        var concurrency = cli.Int("open-concurrency", 4);
        var afterClose = cli.Doubles("after-close", "5,30,90");
        var baseline = cli.Bool("baseline", true);
        var label = cli.String("label", "");
        var log = Console.Out;
        Directory.CreateDirectory(setup.WorkRoot);
        var counters = new Counters(setup.RepositoryRoot, setup.WorkRoot, cli.String("keep-dumps"));

        var seed = await setup.SeedAsync(log);
        var credentials = Credentials.Read(seed);
        var results = new List<Result>();
        string? browserVersion = null;

        await log.WriteLineAsync($"== dashboard, {n} tabs");
        var data = setup.CopySeed(seed, "memory");
        var app = await ChildApp.StartAsync("dashboard", setup.DashboardDll, Setup.DashboardEnvironment(data), TimeSpan.FromMinutes(2));
        try
        {
            await using var browser = await Browser.LaunchAsync(setup.Chromium);
            browserVersion = browser.Version;
            var first = await browser.SignInAsync(app.BaseAddress, Selectors.ViewerAccount, credentials.Passwords[Selectors.ViewerAccount]);
            results.Add(await MeasureAsync("dashboard", app, browser, new Uri(app.BaseAddress, Selectors.OverviewPath), Browser.OverviewReadyAsync, first,
                n, settle, concurrency, afterClose, counters, log));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Setup.Discard(data);
        }

        if (baseline)
        {
            await log.WriteLineAsync($"== template counter, {n} tabs");
            var counter = await ChildApp.StartAsync("counter", setup.CounterDll, new Dictionary<string, string>(), TimeSpan.FromMinutes(1));
            try
            {
                await using var browser = await Browser.LaunchAsync(setup.Chromium);
                results.Add(await MeasureAsync("template counter", counter, browser, new Uri(counter.BaseAddress, Selectors.CounterPath), Browser.CounterReadyAsync, null,
                    n, settle, concurrency, afterClose, counters, log));
            }
            finally
            {
                await counter.StopAsync();
                await counter.DisposeAsync();
            }
        }

        var md = new Markdown().Heading(3, $"memory{(label.Length > 0 ? $" — {label}" : "")}: {n} tabs").Machine(browserVersion)
            .Paragraph($"App: `{setup.DashboardDll}`. Each reading: a full blocking GC induced by dotnet-gcdump (its live-object total is \"live heap\"), then dotnet-counters " +
                "System.Runtime: \"GC heap\" = dotnet.gc.last_collection.heap.size summed over generations, working set = dotnet.process.memory.working_set; " +
                "\"before\" = after one warm-up tab was opened and closed; " +
                "time is seconds since the N tabs were closed.");
        md.Table(["app", "reading", "t (s)", "live heap (MiB)", "GC heap (MiB)", "GC committed (MiB)", "working set (MiB)", "Chromium RSS (MiB)"],
            results.SelectMany(r => r.Stages.Select(s => (IReadOnlyList<string>)
            [
                r.App, s.Name, Number(s.Seconds, 0), s.Reading.LiveHeapBytes is { } live ? Number(live / MemoryReading.MiB, 1) : "—",
                Number(s.Reading.GcHeapBytes / MemoryReading.MiB, 1), Number(s.Reading.GcCommittedBytes / MemoryReading.MiB, 1),
                Number(s.Reading.WorkingSetBytes / MemoryReading.MiB, 1), Number(s.ChromiumBytes / MemoryReading.MiB, 0),
            ])));

        static double PerCircuit(Result r, Func<MemoryReading, double> pick) =>
            (pick(r.Stages[1].Reading) - pick(r.Stages[0].Reading)) / r.Tabs / MemoryReading.MiB;
        var dashboard = results[0];
        var template = results.Count > 1 ? results[1] : null;
        var measures = new (string Name, Func<MemoryReading, double> Pick)[]
        {
            ("live heap", m => m.LiveHeapBytes ?? double.NaN),
            ("GC heap", m => m.GcHeapBytes),
            ("working set", m => m.WorkingSetBytes),
        };
        md.Table(["per open circuit (MiB)", "dashboard overview", "template counter", "ratio (budget ≤ 4×)"],
            measures.Select(m => (IReadOnlyList<string>)
            [
                m.Name, Number(PerCircuit(dashboard, m.Pick), 3), template is null ? "—" : Number(PerCircuit(template, m.Pick), 3),
                template is null ? "—" : Ratio(PerCircuit(dashboard, m.Pick), PerCircuit(template, m.Pick)),
            ]));
        await md.WriteAsync(outPath);
        return 0;
    }

    private static async Task<Result> MeasureAsync(string name, ChildApp app, Browser browser, Uri address, Func<Microsoft.Playwright.IPage, Task> ready,
        Microsoft.Playwright.IPage? signedIn, int n, double settle, int concurrency, IReadOnlyList<double> afterClose, Counters counters, TextWriter log)
    {
        var stages = new List<Stage>();
        async Task<Stage> ReadAsync(string stage, double seconds)
        {
            var reading = await counters.ReadAsync(app.Pid, forceGc: true);
            var result = new Stage(stage, seconds, reading, CpuSnapshot.ChromiumResidentBytes());
            await log.WriteLineAsync($"  {name} {stage} t={seconds:0}s: live {reading.LiveHeapBytes / MemoryReading.MiB:0.0} MiB, GC heap {reading.GcHeapBytes / MemoryReading.MiB:0.0} MiB, " +
                $"WS {reading.WorkingSetBytes / MemoryReading.MiB:0.0} MiB");
            return result;
        }

        // Warm-up: the first tab pays for JIT, caches and the like, which are not per circuit.
        await browser.OpenAsync(address, 1, 1, ready, signedIn);
        await browser.CloseTabsAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        stages.Add(await ReadAsync("before (0 tabs)", 0));

        var open = await browser.OpenAsync(address, n, concurrency, ready, null, log);
        await log.WriteLineAsync($"  {n} tabs in {open.TotalSeconds:0.0} s; settling {settle} s");
        await Task.Delay(TimeSpan.FromSeconds(settle));
        stages.Add(await ReadAsync($"{n} tabs open", 0));

        await browser.CloseTabsAsync();
        var closed = Stopwatch.StartNew();
        foreach (var at in afterClose)
        {
            var wait = TimeSpan.FromSeconds(at) - closed.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            stages.Add(await ReadAsync("after closing", closed.Elapsed.TotalSeconds));
        }
        return new Result(name, n, stages);
    }
}
