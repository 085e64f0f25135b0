using System.Globalization;

namespace GreenCommunity.Benchmarks;

/// <summary>The "--name value" options of the one-pass measurements (ingest-paired, large-report-variants).</summary>
internal static class CommandOptions
{
    public static int Get(IReadOnlyList<string> options, string name, int fallback) =>
        Get(options, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public static string Get(IReadOnlyList<string> options, string name, string fallback) => Get(options, name) ?? fallback;

    /// <summary>The value after <paramref name="name"/>, or null when the option is not given.</summary>
    public static string? Get(IReadOnlyList<string> options, string name)
    {
        for (var i = 0; i < options.Count - 1; i++)
        {
            if (options[i] == name)
            {
                return options[i + 1];
            }
        }
        return null;
    }
}
