using BenchmarkDotNet.Running;
using GreenCommunity.Benchmarks;

// dotnet run -c Release --project tests/GreenCommunity.Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/GreenCommunity.Benchmarks -- profile-write [--reports 100]   (where the write path's time goes)
// dotnet run -c Release --project tests/GreenCommunity.Benchmarks -- large-report-variants [--rounds 3]   (PostgreSQL's large report without each index and key)
// dotnet run -c Release --project tests/GreenCommunity.Benchmarks -- ingest-paired [--rounds 15] [--engine sqlite|postgres|both] [--control]
if (args is ["profile-write", .. var options])
{
    return await WriteProfile.RunAsync(options);
}
if (args is ["large-report-variants", .. var variantOptions])
{
    return await LargeReportVariants.RunAsync(variantOptions);
}
if (args is ["ingest-paired", .. var pairedOptions])
{
    return await PairedIngest.RunAsync(pairedOptions);
}
if (args is ["ingest-arm", .. var armArguments])
{
    return await PairedIngest.ArmAsync(armArguments);   // one arm of ingest-paired, started by it
}

// The benchmarks on PostgreSQL share one durable server, started here (unless GC_BENCH_POSTGRES names one) and handed
// to the benchmark processes, so that the demo store the first of them seeds serves the others.
await using var postgres = BenchPostgres.NeededFor(args) ? await BenchPostgres.StartOrUseAsync(statementStatistics: false) : null;
if (postgres is { OwnServer: true })
{
    Environment.SetEnvironmentVariable(BenchPostgres.ConnectionVariable, postgres.AdminConnectionString);
    Console.WriteLine($"// PostgreSQL for the benchmarks: {await postgres.DurabilityAsync()}");
}
BenchmarkSwitcher.FromAssembly(typeof(ProgressAsOfBenchmarks).Assembly).Run(args);
return 0;
