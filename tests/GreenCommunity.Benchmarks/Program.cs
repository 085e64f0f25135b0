using BenchmarkDotNet.Running;
using GreenCommunity.Benchmarks;

// dotnet run -c Release --project tests/GreenCommunity.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(ProgressAsOfBenchmarks).Assembly).Run(args);
