using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace GreenCommunity.LoadTests;

/// <summary>The results as Markdown: printed to stdout and appended to the --out file.</summary>
internal sealed class Markdown
{
    private readonly StringBuilder _text = new();

    public static string Number(double value, int decimals = 2) =>
        double.IsNaN(value) ? "—" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Ratio(double numerator, double denominator) =>
        denominator > 0 && !double.IsNaN(numerator) ? Number(numerator / denominator) + "×" : "—";

    public Markdown Heading(int level, string text)
    {
        _text.Append('#', level).Append(' ').AppendLine(text).AppendLine();
        return this;
    }

    public Markdown Paragraph(string text)
    {
        _text.AppendLine(text).AppendLine();
        return this;
    }

    public Markdown Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        _text.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        _text.Append('|').AppendJoin("", headers.Select(_ => "---|")).AppendLine();
        foreach (var row in rows)
        {
            _text.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
        }
        _text.AppendLine();
        return this;
    }

    /// <summary>The machine the figures are from.</summary>
    public Markdown Machine(string? browserVersion = null)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var memoryKiB = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var memory = memoryKiB is null ? "?" : $"{double.Parse(memoryKiB, CultureInfo.InvariantCulture) / 1024 / 1024:0.0} GiB";
        var load = File.ReadAllText("/proc/loadavg").Split(' ').Take(3);
        var parts = new List<string>
        {
            $"CPU {cpu}",
            $"{Environment.ProcessorCount} cores",
            $"memory {memory}",
            $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.OSDescription})",
            $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC",
            $"load average at start {string.Join(' ', load)}",
        };
        if (browserVersion is not null)
        {
            parts.Add($"Chromium {browserVersion}");
        }
        return Paragraph("Machine: " + string.Join("; ", parts) + ".");
    }

    public override string ToString() => _text.ToString();

    /// <summary>Prints the results and appends them to the file.</summary>
    public async Task WriteAsync(string path)
    {
        var text = ToString();
        Console.WriteLine();
        Console.WriteLine(text);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.AppendAllTextAsync(path, text);
        Console.WriteLine($"(appended to {path})");
    }
}
