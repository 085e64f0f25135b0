using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using static GreenCommunity.LoadTests.Markdown;

namespace GreenCommunity.LoadTests;

/// <summary>
/// hub: C .NET SignalR clients on the dashboard's hub (province token) and, in the same run, C on the bare hub (baseline 1).
/// Reports alternate between the two (dashboard API; the bare hub's /broadcast with a message of the same shape), half an
/// interval apart; latency = Stopwatch just before the POST → the client's handler for that report id.
/// </summary>
internal static class HubScenario
{
    private sealed class Target(string name, ChildApp app)
    {
        public string Name { get; } = name;

        public ChildApp App { get; } = app;

        public List<HubConnection> Connections { get; } = [];

        public ConcurrentQueue<(string Id, long At)> Received { get; } = new();

        public List<(string Id, long Start, double RoundTripMs)> Posted { get; } = [];

        public TimeSpan ConnectTime { get; set; }

        public int Failed { get; set; }

        public CpuSnapshot CpuStart { get; set; }

        public CpuWindow Idle { get; set; }

        public CpuWindow Reports { get; set; }
    }

    public static async Task<int> RunAsync(Cli cli, Setup setup, string outPath)
    {
        var clients = cli.Int("clients", 1000);
        var reports = cli.Int("reports", 20);
        var interval = cli.Double("interval", 1.0);
        var batch = cli.Int("batch", 50);
        var skipNegotiation = cli.Bool("skip-negotiation", true);
        var warmup = cli.Int("warmup-reports", 2);
        var label = cli.String("label", "");
        var log = Console.Out;

        EnsureFileDescriptors(clients * 2 + 1000, log);
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));

        var seed = await setup.SeedAsync(log);
        var credentials = Credentials.Read(seed);
        var data = setup.CopySeed(seed, "hub");
        var dashboardApp = await ChildApp.StartAsync("dashboard", setup.DashboardDll, Setup.DashboardEnvironment(data), TimeSpan.FromMinutes(2));
        var bareApp = await ChildApp.StartAsync("bare hub", setup.BareHubDll, new Dictionary<string, string>(), TimeSpan.FromMinutes(1));
        var dashboard = new Target("dashboard", dashboardApp);
        var bare = new Target("bare hub", bareApp);
        using var handler = new SocketsHttpHandler();
        using var http = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            using var poster = new ReportPoster(dashboardApp.BaseAddress, credentials, data, Path.Combine(Path.GetDirectoryName(setup.DashboardDll)!, "wwwroot-assets"));
            foreach (var target in new[] { dashboard, bare })
            {
                var token = target == dashboard ? credentials.Province : null;
                target.ConnectTime = await ConnectAsync(target, clients, batch, token, skipNegotiation, http, log);
            }
            // Warm-up reports (not measured): first runs pay for JIT compilation in both apps.
            for (var w = 0; w < warmup; w++)
            {
                await poster.PostAsync(CancellationToken.None);
                using var content = new StringContent(ReportPoster.BareMessage($"warmup-{w}").ToJsonString(), Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri(bareApp.BaseAddress, Selectors.BareBroadcastPath), content);
                await Task.Delay(TimeSpan.FromSeconds(interval));
            }
            await log.WriteLineAsync($"  {warmup} warm-up report(s) each; settling 5 s");
            await Task.Delay(5000);

            var window = reports * interval;
            await log.WriteLineAsync($"  idle window {window} s");
            var idleDashboard = CpuSnapshot.Take(dashboardApp.Pid);
            var idleBare = CpuSnapshot.Take(bareApp.Pid);
            await Task.Delay(TimeSpan.FromSeconds(window));
            dashboard.Idle = CpuSnapshot.Take(dashboardApp.Pid) - idleDashboard;
            bare.Idle = CpuSnapshot.Take(bareApp.Pid) - idleBare;

            await log.WriteLineAsync($"  {reports} reports to each, every {interval} s, alternating");
            dashboard.CpuStart = CpuSnapshot.Take(dashboardApp.Pid);
            bare.CpuStart = CpuSnapshot.Take(bareApp.Pid);
            var clock = Stopwatch.StartNew();
            for (var k = 0; k < reports; k++)
            {
                await WaitUntilAsync(clock, k * interval);
                var report = await poster.PostAsync(CancellationToken.None);
                if (report.Status == HttpStatusCode.Created)
                {
                    dashboard.Posted.Add((report.ReportId, report.StartTimestamp, report.RoundTripMs));
                }
                else
                {
                    dashboard.Failed++;
                }

                await WaitUntilAsync(clock, (k + 0.5) * interval);
                var id = $"bare-{Guid.NewGuid():N}";
                using var content = new StringContent(ReportPoster.BareMessage(id).ToJsonString(), Encoding.UTF8, "application/json");
                var start = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(new Uri(bareApp.BaseAddress, Selectors.BareBroadcastPath), content);
                if (response.IsSuccessStatusCode)
                {
                    bare.Posted.Add((id, start, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
                }
                else
                {
                    bare.Failed++;
                }
            }
            await WaitUntilAsync(clock, reports * interval);
            foreach (var target in new[] { dashboard, bare })
            {
                var expected = target.Posted.Count * target.Connections.Count;
                var wait = Stopwatch.StartNew();
                while (Count(target) < expected && wait.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(200);
                }
                target.Reports = CpuSnapshot.Take(target.App.Pid) - target.CpuStart;
            }

            var md = new Markdown().Heading(3, $"hub{(label.Length > 0 ? $" — {label}" : "")}: {clients} clients each, {reports} reports each").Machine()
                .Paragraph($"App: `{setup.DashboardDll}`; baseline `{setup.BareHubDll}`. Both apps run at once; {clients} .NET SignalR clients (WebSockets" +
                    $"{(skipNegotiation ? ", negotiation skipped" : "")}, JSON protocol) on each, connected {batch} at a time; reports alternate between the two half an interval apart. " +
                    "Latency = Stopwatch just before the POST → the client's \"reportReceived\" handler for that report id (clients and poster in one process). " +
                    "Server CPU per report = (report window − idle rate × its length) ÷ reports.");
            var summaries = new[] { dashboard, bare }.ToDictionary(t => t, Latencies);
            md.Table(["hub", "clients", "connect (s)", "p50 (ms)", "p95", "p99", "max", "received / expected", "POST p50 (ms)", "server CPU s / report", "idle server CPU (s/s)", "others (s/s)"],
                new[] { dashboard, bare }.Select(t =>
                {
                    var s = summaries[t];
                    var perReport = t.Posted.Count == 0 ? double.NaN : (t.Reports.Server - t.Idle.Server / t.Idle.Seconds * t.Reports.Seconds) / t.Posted.Count;
                    return (IReadOnlyList<string>)
                    [
                        t.Name, t.Connections.Count.ToString(CultureInfo.InvariantCulture), Number(t.ConnectTime.TotalSeconds, 1),
                        Number(s.P50, 1), Number(s.P95, 1), Number(s.P99, 1), Number(s.Max, 1),
                        $"{s.Count} / {t.Posted.Count * t.Connections.Count}{(t.Failed > 0 ? $" ({t.Failed} POSTs failed)" : "")}",
                        Number(Stats.Percentile(t.Posted.Select(p => p.RoundTripMs).Order().ToList(), 50), 1),
                        Number(perReport, 4), Number(t.Idle.Server / t.Idle.Seconds, 3), Number(t.Reports.Others / t.Reports.Seconds),
                    ];
                }));
            var d = summaries[dashboard];
            var b = summaries[bare];
            md.Table(["ratio dashboard ÷ bare hub", "p50", "p95", "p99 (budget ≤ 1.25×)", "max"],
                [["latency", Ratio(d.P50, b.P50), Ratio(d.P95, b.P95), Ratio(d.P99, b.P99), Ratio(d.Max, b.Max)]]);
            var ds = Spread(dashboard);
            var bs = Spread(bare);
            md.Paragraph("Fan-out spread (each receipt − the first receipt of the same report; leaves out the intake's validation and commit):");
            md.Table(["hub", "spread p50 (ms)", "p95", "p99", "max"],
            [
                ["dashboard", Number(ds.P50, 1), Number(ds.P95, 1), Number(ds.P99, 1), Number(ds.Max, 1)],
                ["bare hub", Number(bs.P50, 1), Number(bs.P95, 1), Number(bs.P99, 1), Number(bs.Max, 1)],
                ["ratio", Ratio(ds.P50, bs.P50), Ratio(ds.P95, bs.P95), Ratio(ds.P99, bs.P99), Ratio(ds.Max, bs.Max)],
            ]);
            await md.WriteAsync(outPath);
        }
        finally
        {
            foreach (var target in new[] { dashboard, bare })
            {
                foreach (var chunk in target.Connections.Chunk(100))
                {
                    await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask()));
                }
            }
            foreach (var app in new[] { dashboardApp, bareApp })
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
            Setup.Discard(data);
        }
        return 0;
    }

    private static int Count(Target target)
    {
        var ids = target.Posted.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        return target.Received.Count(r => ids.Contains(r.Id));
    }

    private static (double P50, double P95, double P99, double Max, int Count) Latencies(Target target)
    {
        var start = target.Posted.ToDictionary(p => p.Id, p => p.Start, StringComparer.Ordinal);
        return Stats.Summary(target.Received.Where(r => start.ContainsKey(r.Id))
            .Select(r => Stopwatch.GetElapsedTime(start[r.Id], r.At).TotalMilliseconds));
    }

    /// <summary>Fan-out spread: each receipt minus the first receipt of the same report (the intake's own time left out).</summary>
    private static (double P50, double P95, double P99, double Max, int Count) Spread(Target target)
    {
        var ids = target.Posted.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var byReport = target.Received.Where(r => ids.Contains(r.Id)).GroupBy(r => r.Id, StringComparer.Ordinal);
        return Stats.Summary(byReport.SelectMany(g =>
        {
            var first = g.Min(r => r.At);
            return g.Select(r => Stopwatch.GetElapsedTime(first, r.At).TotalMilliseconds);
        }));
    }

    private static async Task WaitUntilAsync(Stopwatch clock, double seconds)
    {
        var due = TimeSpan.FromSeconds(seconds) - clock.Elapsed;
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due);
        }
    }

    private static async Task<TimeSpan> ConnectAsync(Target target, int clients, int batch, string? token, bool skipNegotiation, HttpMessageInvoker shared, TextWriter log)
    {
        var url = new Uri(target.App.BaseAddress, Selectors.HubPath);
        var started = Stopwatch.StartNew();
        for (var i = 0; i < clients; i += batch)
        {
            var connections = Enumerable.Range(i, Math.Min(batch, clients - i)).Select(_ =>
            {
                var connection = new HubConnectionBuilder().WithUrl(url, o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = skipNegotiation;
                    // Negotiation (when not skipped) goes through one shared handler; each WebSocket is its own socket anyway.
                    o.HttpMessageHandlerFactory = _ => new SharedHandler(shared);
                    if (token is not null)
                    {
                        o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    }
                }).Build();
                connection.ServerTimeout = TimeSpan.FromMinutes(2);
                connection.On<JsonElement>(Selectors.ReportReceivedEvent, message =>
                {
                    var at = Stopwatch.GetTimestamp();
                    if (message.TryGetProperty("reportId", out var id) && id.GetString() is { } text)
                    {
                        target.Received.Enqueue((text, at));
                    }
                });
                connection.On<JsonElement>(Selectors.SummaryChangedEvent, _ => { });
                return connection;
            }).ToList();
            await Task.WhenAll(connections.Select(c => c.StartAsync()));
            target.Connections.AddRange(connections);
            if ((i / batch) % 5 == 4 || i + batch >= clients)
            {
                await log.WriteLineAsync($"  {target.Name}: {target.Connections.Count}/{clients} connected after {started.Elapsed.TotalSeconds:0.0} s");
            }
        }
        return started.Elapsed;
    }

    /// <summary>Raises the soft open-files limit to the hard one (prlimit) when the connections would need more.</summary>
    private static void EnsureFileDescriptors(int needed, TextWriter log)
    {
        var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is null || parts.Length < 5 || !long.TryParse(parts[3], CultureInfo.InvariantCulture, out var soft))
        {
            return;
        }
        if (soft >= needed)
        {
            return;
        }
        var hard = parts[4];
        log.WriteLine($"  open-files limit {soft} < {needed}: raising it to the hard limit ({hard}) with prlimit");
        using var process = Process.Start(new ProcessStartInfo("prlimit")
        {
            ArgumentList = { "--pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), $"--nofile={hard}:{hard}" },
            UseShellExecute = false,
        });
        process?.WaitForExit();
    }

    /// <summary>Hands the shared invoker to a connection: disposing this handler leaves the shared one alone.</summary>
    private sealed class SharedHandler(HttpMessageInvoker shared) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            shared.SendAsync(request, cancellationToken);
    }
}
