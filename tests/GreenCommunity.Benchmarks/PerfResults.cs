using System.Globalization;

namespace GreenCommunity.Benchmarks;

/// <summary>What the one-pass measurements (profile-write, ingest-paired, large-report-variants) share: the line that says
/// when and on what they ran, and saving their Markdown to docs/perf-results.</summary>
internal static class PerfResults
{
    /// <summary>The time, the cores and the load average at the start, for the head of a result.</summary>
    public static string Conditions() => string.Create(CultureInfo.InvariantCulture,
        $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores; load average at start {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

    /// <summary>Prints <paramref name="markdown"/> and writes it to docs/perf-results/&lt;<paramref name="name"/>&gt;-&lt;time&gt;.md.</summary>
    public static async Task SaveAsync(string name, string markdown)
    {
        Console.WriteLine(markdown);
        var path = Path.Combine(RepositoryRoot(), "docs", "perf-results", $"{name}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.md");
        await File.WriteAllTextAsync(path, markdown);
        Console.WriteLine($"(written to {path})");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GreenCommunity.Dashboard.sln")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
