using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GreenCommunity.LoadTests;

/// <summary>One reading of a process's memory: dotnet-counters' System.Runtime.</summary>
internal sealed record MemoryReading(DateTimeOffset At, double GcHeapBytes, double WorkingSetBytes, double GcCommittedBytes, double? LiveHeapBytes)
{
    public const double MiB = 1024.0 * 1024.0;
}

/// <summary>
/// dotnet-counters and dotnet-gcdump, the local tools of .config/dotnet-tools.json (run "dotnet tool restore" once).
/// A process cannot be told to collect its garbage from outside, but a gcdump walks the heap after a full blocking GC:
/// with <c>forceGc</c> the reading is taken right after one, and the gcdump's own total of live objects is kept too.
/// With <paramref name="keepDumpsIn"/> each gcdump and its report by type are kept there, for profiling.
/// </summary>
internal sealed partial class Counters(string repositoryRoot, string workRoot, string? keepDumpsIn = null)
{
    // Only System.Runtime: the circuit and connection gauges of ASP.NET Core are up-down counters, which a listener that
    // attaches later sees only as changes since it attached.
    private const string Meters = "System.Runtime";

    public async Task<MemoryReading> ReadAsync(int pid, bool forceGc, CancellationToken cancellationToken = default)
    {
        double? live = null;
        if (forceGc)
        {
            live = await GcDumpLiveBytesAsync(pid, cancellationToken);
        }
        var csv = Path.Combine(workRoot, $"counters-{pid}-{Guid.NewGuid():N}.csv");
        try
        {
            var (code, output) = await RunToolAsync(["dotnet-counters", "collect", "--process-id", pid.ToString(CultureInfo.InvariantCulture),
                "--counters", Meters, "--format", "csv", "--output", csv, "--refresh-interval", "1", "--duration", "00:00:00:03"], cancellationToken);
            if (code != 0 || !File.Exists(csv))
            {
                throw new InvalidOperationException($"dotnet-counters failed ({code}):\n{output}");
            }
            return Parse(await File.ReadAllLinesAsync(csv, cancellationToken), live);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    /// <summary>The last value of each counter in dotnet-counters' CSV (Timestamp,Provider,Counter Name,Counter Type,Mean/Increment).</summary>
    private static MemoryReading Parse(string[] lines, double? live)
    {
        var last = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var value = line[(line.LastIndexOf(',') + 1)..];
            var head = line[..line.LastIndexOf(',')];
            head = head[..head.LastIndexOf(',')];             // drop Counter Type
            var name = head[(head.IndexOf(',', head.IndexOf(',', StringComparison.Ordinal) + 1) + 1)..];   // drop Timestamp,Provider
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                last[name] = number;
            }
        }
        double Sum(string prefix) => last.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(kv => kv.Value);
        var heap = Sum("dotnet.gc.last_collection.heap.size");
        var workingSet = Sum("dotnet.process.memory.working_set");
        if (workingSet == 0)
        {
            throw new InvalidOperationException("dotnet-counters gave no dotnet.process.memory.working_set:\n" + string.Join('\n', lines.Take(20)));
        }
        return new MemoryReading(DateTimeOffset.UtcNow, heap, workingSet, Sum("dotnet.gc.last_collection.memory.committed_size"), live);
    }

    private async Task<double?> GcDumpLiveBytesAsync(int pid, CancellationToken cancellationToken)
    {
        var file = Path.Combine(workRoot, $"heap-{pid}-{Guid.NewGuid():N}.gcdump");
        try
        {
            var (code, output) = await RunToolAsync(["dotnet-gcdump", "collect", "--process-id", pid.ToString(CultureInfo.InvariantCulture), "--output", file], cancellationToken);
            if (code != 0 || !File.Exists(file))
            {
                throw new InvalidOperationException($"dotnet-gcdump failed ({code}):\n{output}");
            }
            var (_, report) = await RunToolAsync(["dotnet-gcdump", "report", file], cancellationToken);
            if (keepDumpsIn is not null)
            {
                Directory.CreateDirectory(keepDumpsIn);
                var kept = Path.Combine(keepDumpsIn, $"heap-{pid}-{DateTimeOffset.UtcNow:HHmmss}");
                File.Copy(file, kept + ".gcdump");
                await File.WriteAllTextAsync(kept + ".txt", report, cancellationToken);
            }
            return HeapBytesLine().Match(report) is { Success: true } match
                ? double.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)
                : null;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<(int Code, string Output)> RunToolAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repositoryRoot,   // where .config/dotnet-tools.json is found
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"([\d,]+)\s+GC Heap bytes")]
    private static partial Regex HeapBytesLine();
}
