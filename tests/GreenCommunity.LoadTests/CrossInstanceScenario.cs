using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using static GreenCommunity.LoadTests.Markdown;

namespace GreenCommunity.LoadTests;

/// <summary>
/// cross-instance (issue 15): two dashboard processes on one PostgreSQL and one Redis (the SignalR backplane), as
/// behind a load balancer. C .NET SignalR clients on B, and C on A as the same-instance baseline in the same run; reports
/// posted to A's API one after another; latency = A's 201 received by the poster → each client's "reportReceived" for
/// that report (Stopwatch, poster and clients in one process). Also from the POST's start, which includes the intake.
/// </summary>
internal static class CrossInstanceScenario
{
    private sealed class Side(string name, ChildApp app)
    {
        public string Name { get; } = name;

        public ChildApp App { get; } = app;

        public List<HubConnection> Connections { get; } = [];

        public ConcurrentQueue<(string Id, long At)> Received { get; } = new();
    }

    public static async Task<int> RunAsync(Cli cli, Setup setup, string outPath)
    {
        var clients = cli.Int("clients", 50);
        var reports = cli.Int("reports", 40);
        var interval = cli.Double("interval", 1.0);
        var warmup = cli.Int("warmup-reports", 3);
        var postgresOption = cli.String("postgres");
        var redisOption = cli.String("redis");
        var label = cli.String("label", "");
        var log = Console.Out;

        await using var services = await ScaleOutServices.StartAsync(postgresOption, redisOption, setup.WorkRoot, log);
        var dataA = setup.CopySeed(EmptyFolder(setup), "cross-a");
        var dataB = setup.CopySeed(EmptyFolder(setup), "cross-b");
        var settings = new Dictionary<string, string>
        {
            ["Demo__LiveFeedSeconds"] = "0",
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Postgres"] = services.Postgres,
            ["ConnectionStrings__Redis"] = services.Redis,
        };
        ChildApp? a = null;
        ChildApp? b = null;
        Side? sideA = null;
        Side? sideB = null;
        try
        {
            // A first: on an empty database it plays the demo history through the writer (minutes on PostgreSQL) and
            // writes the demo credentials into its data folder; B then finds the store ready.
            await log.WriteLineAsync($"Starting A on PostgreSQL ({services.Description}); a new database plays the demo history first…");
            var seeding = Stopwatch.StartNew();
            a = await ChildApp.StartAsync("A", setup.DashboardDll, With(settings, dataA), TimeSpan.FromMinutes(15));
            await log.WriteLineAsync($"  A listening after {seeding.Elapsed.TotalSeconds:0} s at {a.BaseAddress}");
            if (!a.Output.Contains("Postgres", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("A does not say it runs on PostgreSQL:\n" + a.Output);
            }
            b = await ChildApp.StartAsync("B", setup.DashboardDll, With(settings, dataB), TimeSpan.FromMinutes(3));
            await log.WriteLineAsync($"  B listening at {b.BaseAddress}");
            var credentials = Credentials.Read(dataA);
            sideA = new Side("A (same instance)", a);
            sideB = new Side("B (other instance)", b);
            foreach (var side in new[] { sideB, sideA })
            {
                await ConnectAsync(side, clients, credentials.Province, log);
            }

            using var poster = new ReportPoster(a.BaseAddress, credentials, dataA, Path.Combine(Path.GetDirectoryName(setup.DashboardDll)!, "wwwroot-assets"));
            for (var w = 0; w < warmup; w++)
            {
                await poster.PostAsync(CancellationToken.None);   // not measured: JIT and first queries in both apps
                await Task.Delay(TimeSpan.FromSeconds(interval));
            }
            await log.WriteLineAsync($"  {warmup} warm-up report(s); settling 3 s, then {reports} reports to A, one every {interval} s");
            await Task.Delay(3000);

            var posted = new List<(string Id, long Start, long Acknowledged)>();
            var failed = 0;
            var clock = Stopwatch.StartNew();
            for (var k = 0; k < reports; k++)
            {
                var due = TimeSpan.FromSeconds(k * interval) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
                var report = await poster.PostAsync(CancellationToken.None);
                var acknowledged = Stopwatch.GetTimestamp();   // the 201 (and its body) received
                if (report.Status == HttpStatusCode.Created)
                {
                    posted.Add((report.ReportId, report.StartTimestamp, acknowledged));
                }
                else
                {
                    failed++;
                }
            }
            var wait = Stopwatch.StartNew();
            var ids = posted.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            while (new[] { sideA, sideB }.Sum(s => s.Received.Count(r => ids.Contains(r.Id))) < posted.Count * clients * 2 && wait.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(200);
            }

            var fromAck = new Dictionary<Side, (double P50, double P95, double P99, double Max, int Count)>();
            var fromStart = new Dictionary<Side, (double P50, double P95, double P99, double Max, int Count)>();
            var byId = posted.ToDictionary(p => p.Id, StringComparer.Ordinal);
            foreach (var side in new[] { sideA, sideB })
            {
                var mine = side.Received.Where(r => byId.ContainsKey(r.Id)).ToList();
                fromAck[side] = Stats.Summary(mine.Select(r => Milliseconds(byId[r.Id].Acknowledged, r.At)));
                fromStart[side] = Stats.Summary(mine.Select(r => Milliseconds(byId[r.Id].Start, r.At)));
            }
            var intake = Stats.Summary(posted.Select(p => Milliseconds(p.Start, p.Acknowledged)));

            var md = new Markdown().Heading(3, $"cross-instance{(label.Length > 0 ? $" — {label}" : "")}: {clients} clients on each of A and B, {reports} reports to A").Machine()
                .Paragraph($"App: `{setup.DashboardDll}` twice (Release, `Storage:Provider=Postgres`, one database, `ConnectionStrings:Redis` set: the hub on the " +
                    $"SignalR Redis backplane); {services.Description}. {clients} .NET SignalR clients (WebSockets, JSON, province token) on B and {clients} on A, " +
                    $"all in this process; reports posted to A's API one after another, one every {interval} s (each a valid report of one update). " +
                    "Latency = the 201 received from A → each client's \"reportReceived\" for that report (negative: the event came before the 201); " +
                    "\"from POST\" counts from the request's start, so it includes the intake (validation, the durable commit).");
            md.Table(["clients on", "clients", "p50 from 201 (ms)", "p95", "max", "p50 from POST (ms)", "p95", "max", "received / expected"],
                new[] { sideB, sideA }.Select(s => (IReadOnlyList<string>)
                [
                    s.Name, s.Connections.Count.ToString(CultureInfo.InvariantCulture),
                    Number(fromAck[s].P50, 1), Number(fromAck[s].P95, 1), Number(fromAck[s].Max, 1),
                    Number(fromStart[s].P50, 1), Number(fromStart[s].P95, 1), Number(fromStart[s].Max, 1),
                    $"{fromAck[s].Count} / {posted.Count * s.Connections.Count}{(failed > 0 ? $" ({failed} POSTs failed)" : "")}",
                ]));
            md.Table(["ratio B ÷ A (from POST)", "p50", "p95", "max"],
                [["latency", Ratio(fromStart[sideB].P50, fromStart[sideA].P50), Ratio(fromStart[sideB].P95, fromStart[sideA].P95), Ratio(fromStart[sideB].Max, fromStart[sideA].Max)]]);
            md.Paragraph($"A's intake (POST → 201): p50 {Number(intake.P50, 1)} ms, p95 {Number(intake.P95, 1)} ms, max {Number(intake.Max, 1)} ms over {intake.Count} reports.");
            await md.WriteAsync(outPath);
            return fromAck[sideB].Count == posted.Count * clients && posted.Count == reports ? 0 : 1;
        }
        finally
        {
            foreach (var side in new[] { sideA, sideB })
            {
                if (side is not null)
                {
                    await Task.WhenAll(side.Connections.Select(c => c.DisposeAsync().AsTask()));
                }
            }
            foreach (var app in new[] { b, a })
            {
                if (app is not null)
                {
                    await app.StopAsync();
                    await app.DisposeAsync();
                }
            }
            Setup.Discard(dataA);
            Setup.Discard(dataB);
        }
    }

    private static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    private static Dictionary<string, string> With(Dictionary<string, string> settings, string dataDirectory) =>
        new(settings) { ["Storage__DataDirectory"] = dataDirectory };

    /// <summary>An empty folder to copy: each server gets a data folder of its own (the store itself is PostgreSQL).</summary>
    private static string EmptyFolder(Setup setup)
    {
        var empty = Path.Combine(setup.WorkRoot, "empty");
        Directory.CreateDirectory(empty);
        return empty;
    }

    private static async Task ConnectAsync(Side side, int clients, string token, TextWriter log)
    {
        var url = new Uri(side.App.BaseAddress, Selectors.HubPath);
        var started = Stopwatch.StartNew();
        for (var i = 0; i < clients; i += 50)
        {
            var batch = Enumerable.Range(i, Math.Min(50, clients - i)).Select(_ =>
            {
                var connection = new HubConnectionBuilder().WithUrl(url, o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }).Build();
                connection.ServerTimeout = TimeSpan.FromMinutes(2);
                connection.On<JsonElement>(Selectors.ReportReceivedEvent, message =>
                {
                    var at = Stopwatch.GetTimestamp();
                    if (message.TryGetProperty("reportId", out var id) && id.GetString() is { } text)
                    {
                        side.Received.Enqueue((text, at));
                    }
                });
                connection.On<JsonElement>(Selectors.SummaryChangedEvent, _ => { });
                return connection;
            }).ToList();
            await Task.WhenAll(batch.Select(c => c.StartAsync()));
            side.Connections.AddRange(batch);
        }
        await log.WriteLineAsync($"  {side.Name}: {side.Connections.Count} clients connected in {started.Elapsed.TotalSeconds:0.0} s");
    }
}
