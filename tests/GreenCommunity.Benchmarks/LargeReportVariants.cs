using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Storage;
using Npgsql;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// What PostgreSQL's 5,000-update report (<see cref="LargeReportBenchmarks"/>: 5,000 stage events, 80,000 assessments)
/// pays for each index and key of the history it appends to: the writer's time on a fresh copy of the demo store as it
/// is, and on copies each without one of them (dropped on the copy only, never in the product's schema), in rounds so
/// that the machine's drift falls on every variant alike. A diagnostic, not a goal: which part of the COPY to work on.
/// Printed as Markdown and written to docs/perf-results/large-report-variants-&lt;time&gt;.md.
/// </summary>
internal static class LargeReportVariants
{
    private static readonly (string Name, string Sql)[] s_variants =
    [
        ("as it is", ""),
        ("without ix_criterion_assessments_effective", "DROP INDEX ix_criterion_assessments_effective"),
        ("without ix_criterion_assessments_report", "DROP INDEX ix_criterion_assessments_report"),
        ("without ix_criterion_assessments_community", "DROP INDEX ix_criterion_assessments_community"),
        ("without criterion_assessments' reference checks", "DROP TRIGGER criterion_assessments_references_known ON criterion_assessments"),
        ("with the per-row keys instead (as before 0018)", BareWriter.PerRowKeysSql),
        ("without stage_events' two keys", "ALTER TABLE stage_events DROP CONSTRAINT stage_events_community_code_fkey, DROP CONSTRAINT stage_events_report_fkey"),
    ];

    public static async Task<int> RunAsync(IReadOnlyList<string> options)
    {
        var rounds = CommandOptions.Get(options, "--rounds", 3);
        // --only "per-row|stage_events": the variants whose names contain one of the parts, the first always kept as the baseline
        var only = CommandOptions.Get(options, "--only")?.Split('|');
        var variants = s_variants.Where((v, i) => i == 0 || only is null || only.Any(part => v.Name.Contains(part, StringComparison.Ordinal))).ToArray();
        await using var server = await BenchPostgres.StartOrUseAsync(statementStatistics: false);
        Environment.SetEnvironmentVariable(BenchPostgres.ConnectionVariable, server.AdminConnectionString);
        await using var store = await EngineStore.OpenAsync(StoreEngine.Postgres);
        PlannedReport[] plan = [IngestPlans.Realistic(store.Facts, 1, 3)[0], IngestPlans.Large(store.Facts, LargeReportBenchmarks.Updates)];

        var times = variants.ToDictionary(v => v.Name, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, sql) in variants)
            {
                times[name].Add(await TimeAsync(store, plan, sql));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// round {round + 1}, {name}: {times[name][^1]:F0} ms"));
            }
        }

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"### The 5,000-update report on PostgreSQL, on copies whose indexes and keys differ one at a time ({rounds} rounds)").AppendLine();
        var durability = await server.DurabilityAsync();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"{PerfResults.Conditions()}; PostgreSQL: {durability}.").AppendLine();
        md.AppendLine("Command: `dotnet run -c Release --project tests/GreenCommunity.Benchmarks -- large-report-variants --rounds N [--only \"part|part\"]`.").AppendLine();
        md.AppendLine("| the copy | ms, each round | mean ms | against as it is |").AppendLine("|---|---|---:|---:|");
        var baseline = times[variants[0].Name].Average();
        foreach (var (name, list) in times)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {string.Join(" / ", list.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} | {list.Average():F0} | {list.Average() - baseline:+0;-0;0} |");
        }
        await PerfResults.SaveAsync("large-report-variants", md.ToString());
        return 0;
    }

    /// <summary>The large report through the writer on a fresh copy altered by <paramref name="alter"/>, after the small warm-up report.</summary>
    private static async Task<double> TimeAsync(EngineStore store, IReadOnlyList<PlannedReport> plan, string alter)
    {
        var copy = (PostgresStore)await store.CopyAsync();
        try
        {
            if (alter.Length > 0)
            {
                await using var connection = new NpgsqlConnection(copy.DataSource.ConnectionString);
                await connection.OpenAsync();
                await connection.ExecuteAsync(alter);
            }
            using var writer = new ReportWriter(copy, store.Campaign);
            await ApiWrite.SubmitAsync(writer, plan[0]);
            GC.Collect();
            var clock = Stopwatch.StartNew();
            await ApiWrite.SubmitAsync(writer, plan[1]);
            return clock.Elapsed.TotalMilliseconds;
        }
        finally
        {
            await store.DropCopiesAsync();
        }
    }
}
