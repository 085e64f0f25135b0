using Microsoft.Playwright;

namespace GreenCommunity.Dashboard.EndToEnd.Tests.Layout;

/// <summary>
/// Reads a laid-out page as a reader would and lists what is broken: sideways scrolling, text cut off at the screen's
/// edge, overlapping text, labels squeezed to a character a line, wrapped button labels, field values cut off.
/// </summary>
public static class LayoutProbe
{
    private static readonly Lazy<string> s_script = new(() =>
    {
        using var stream = typeof(LayoutProbe).Assembly.GetManifestResourceStream("layout-probe.js")
            ?? throw new InvalidOperationException("layout-probe.js is not embedded.");
        using var reader = new StreamReader(stream);
        // Called, not just evaluated: Playwright only calls a string that starts as a function.
        return "(" + reader.ReadToEnd() + ")()";
    });

    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(s_script.Value);
}
