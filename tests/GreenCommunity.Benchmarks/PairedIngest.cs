using System.Diagnostics;
using System.Globalization;
using System.Text;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// The durable-ingest comparison of <see cref="IngestBenchmarks"/> (the same scenario: 200 realistic reports of 3 updates
/// on a fresh copy of the store after one warm-up report, the writer against bare inserts of the same rows), with the
/// writer's and the bare inserts' iterations taken in turns (writer, bare; then bare, writer) instead of one after the
/// other. BenchmarkDotNet measures all of one method's iterations before the other's, and on this shared machine the
/// speed drifts over minutes, so the two means of one run were taken under different conditions (the writer's fifteen
/// iterations read 2.4 then 3.3 ms in one run, 4.8 then 2.9 in another). Here each arm runs in a process of its own, as
/// there, kept between rounds; each round's two measurements are seconds apart, and each round gives a ratio of its own.
/// Not a BenchmarkDotNet job; printed as Markdown and written to docs/perf-results/ingest-paired-&lt;time&gt;.md.
/// </summary>
internal static class PairedIngest
{
    public static async Task<int> RunAsync(IReadOnlyList<string> options)
    {
        var rounds = CommandOptions.Get(options, "--rounds", 15);
        var control = options.Contains("--control", StringComparer.Ordinal);   // bare inserts in both turns: how far apart two equal runs read
        var engines = CommandOptions.Get(options, "--engine", "both") switch
        {
            "sqlite" => [StoreEngine.Sqlite],
            "postgres" => [StoreEngine.Postgres],
            _ => new[] { StoreEngine.Sqlite, StoreEngine.Postgres },
        };
        await using var server = engines.Contains(StoreEngine.Postgres) ? await BenchPostgres.StartOrUseAsync(statementStatistics: false) : null;
        if (server is not null)
        {
            Environment.SetEnvironmentVariable(BenchPostgres.ConnectionVariable, server.AdminConnectionString);
        }

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"### Durable ingest, paired: {rounds} rounds of {IngestBenchmarks.Reports} reports (3 updates each), {(control ? "control: the bare inserts in both turns (the writer's columns are bare inserts too)" : "the writer and the bare inserts in turns")}").AppendLine();
        var postgresNote = server is null ? "" : $"; PostgreSQL: {await server.DurabilityAsync()}";
        md.AppendLine(CultureInfo.InvariantCulture,
            $"{PerfResults.Conditions()}{postgresNote}.").AppendLine();
        md.AppendLine("| engine | writer, mean ms | bare, mean ms | **ratio of the means** | rounds' ratios: median | lowest | highest | writer reports/s ÷ bare (goal ≥ 0.7) |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var detail = new StringBuilder();
        foreach (var engine in engines)
        {
            var (writer, bare) = await MeasureAsync(engine, rounds, control);
            var ratios = writer.Zip(bare, (w, b) => w / b).Order().ToList();
            var ratio = writer.Average() / bare.Average();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {engine} | {writer.Average():F3} | {bare.Average():F3} | **{ratio:F2}** | {Median(ratios):F2} | {ratios[0]:F2} | {ratios[^1]:F2} | {1 / ratio:F2} |");
            detail.AppendLine(CultureInfo.InvariantCulture, $"{engine}, ms per report in each round (writer / bare):").AppendLine();
            detail.AppendLine(string.Join(", ", writer.Zip(bare, (w, b) => string.Create(CultureInfo.InvariantCulture, $"{w:F2} / {b:F2}")))).AppendLine();
        }
        md.AppendLine().Append(detail);

        await PerfResults.SaveAsync("ingest-paired", md.ToString());
        return 0;
    }

    // Each arm in a process of its own, as BenchmarkDotNet runs each method: the runtime tunes shared code (Microsoft.Data.
    // Sqlite's) by what it sees run (dynamic PGO), and one process running both arms slowed the bare inserts by 0.3-0.45 ms
    // a report (1.83 ms alone, 2.1-2.3 in turns with the writer; with DOTNET_TieredPGO=0, 2.03 and 2.04).
    private static async Task<(List<double> Writer, List<double> Bare)> MeasureAsync(StoreEngine engine, int rounds, bool control)
    {
        await using var writerArm = await Arm.StartAsync(engine, control ? "bare" : "writer");
        await using var bareArm = await Arm.StartAsync(engine, "bare");
        List<double> writer = [], bare = [];
        // One round of each unmeasured first, as BenchmarkDotNet's warm-up iterations: the code compiled and tiered.
        await writerArm.RunAsync();
        await bareArm.RunAsync();
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                writer.Add(await writerArm.RunAsync());
                bare.Add(await bareArm.RunAsync());
            }
            else
            {
                bare.Add(await bareArm.RunAsync());
                writer.Add(await writerArm.RunAsync());
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {engine} round {round + 1}: writer {writer[^1]:F3} ms, bare {bare[^1]:F3} ms"));
        }
        return (writer, bare);
    }

    /// <summary>
    /// One arm's process (<c>ingest-arm &lt;engine&gt; writer|bare</c>): it sets up the scenario, says "ready", then measures
    /// one iteration for each "run" line it reads and answers its milliseconds per report.
    /// </summary>
    public static async Task<int> ArmAsync(IReadOnlyList<string> arguments)
    {
        var engine = Enum.Parse<StoreEngine>(arguments[0], ignoreCase: true);
        Func<IngestScenario, Task<double>> measure = arguments[1] == "writer" ? TimeWriterAsync : TimeBareAsync;
        await using var scenario = await IngestScenario.CreateAsync(engine, facts => IngestPlans.Realistic(facts, 1 + IngestBenchmarks.Reports, 3));
        Console.WriteLine("ready");
        while (await Console.In.ReadLineAsync() == "run")
        {
            Console.WriteLine((await measure(scenario)).ToString("R", CultureInfo.InvariantCulture));
        }
        return 0;
    }

    private sealed class Arm(Process process) : IAsyncDisposable
    {
        public static async Task<Arm> StartAsync(StoreEngine engine, string arm)
        {
            // Run as this process was: the app host, or dotnet with this assembly.
            var host = Environment.ProcessPath!;
            var start = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            {
                start.ArgumentList.Add(typeof(PairedIngest).Assembly.Location);
            }
            foreach (var argument in new[] { "ingest-arm", engine.ToString(), arm })
            {
                start.ArgumentList.Add(argument);
            }
            var child = new Arm(Process.Start(start)!);
            await child.ReadAnswerAsync("ready");
            return child;
        }

        public async Task<double> RunAsync()
        {
            await process.StandardInput.WriteLineAsync("run");
            await process.StandardInput.FlushAsync();
            return double.Parse(await ReadAnswerAsync(null), CultureInfo.InvariantCulture);
        }

        // The arm's own lines (its scenario's notes) pass through; the answer is the first line that is a number, or "ready".
        private async Task<string> ReadAnswerAsync(string? expected)
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (expected is null ? double.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out _) : line == expected)
                {
                    return line;
                }
                Console.WriteLine(line);
            }
            throw new InvalidOperationException($"The ingest arm (process {process.Id}) ended before answering; exit code {(process.HasExited ? process.ExitCode : -1)}.");
        }

        public async ValueTask DisposeAsync()
        {
            await process.StandardInput.WriteLineAsync("exit");
            await process.StandardInput.FlushAsync();
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    private static async Task<double> TimeWriterAsync(IngestScenario scenario)
    {
        var writer = await scenario.NewWriterAsync();
        Settle();
        try
        {
            var clock = Stopwatch.StartNew();
            for (var k = 1; k <= IngestBenchmarks.Reports; k++)
            {
                await ApiWrite.SubmitAsync(writer, scenario.Plan[k]);
            }
            return clock.Elapsed.TotalMilliseconds / IngestBenchmarks.Reports;
        }
        finally
        {
            await scenario.CleanUpAsync(writer, null);
        }
    }

    private static async Task<double> TimeBareAsync(IngestScenario scenario)
    {
        var bare = await scenario.NewBareAsync();
        Settle();
        try
        {
            var clock = Stopwatch.StartNew();
            for (var k = 1; k <= IngestBenchmarks.Reports; k++)
            {
                await bare.WriteAsync(scenario.Rows[k]);
            }
            return clock.Elapsed.TotalMilliseconds / IngestBenchmarks.Reports;
        }
        finally
        {
            await scenario.CleanUpAsync(null, bare);
        }
    }

    // As BenchmarkDotNet before each iteration: the garbage of the run before (the writer's mostly) is collected now, not
    // during the next measurement, whichever it is.
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
