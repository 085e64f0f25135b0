using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace GreenCommunity.LoadTests;

/// <summary>
/// One reading of a page in Chromium. From the DevTools protocol's Performance.getMetrics: the JS heap in use,
/// DOM nodes alive (attached or not: detached nodes still held by script count, which is how a DOM leak shows) and
/// event listeners. From the page: elements in the document, a hash of the text it shows (to tell a live page from
/// a frozen one) and whether its root element still says it is interactive.
/// </summary>
internal sealed record PageReading(double JsHeapUsedBytes, double JsHeapTotalBytes, double Nodes, double EventListeners, int Elements, string TextHash, bool Interactive);

/// <summary>A DevTools session on one page, for <see cref="PageReading"/>s.</summary>
internal sealed class PageProbe
{
    private readonly IPage _page;
    private readonly ICDPSession _devTools;
    private readonly string _root;
    private readonly string _interactive;

    private PageProbe(IPage page, ICDPSession devTools, string root, string interactive)
    {
        _page = page;
        _devTools = devTools;
        _root = root;
        _interactive = interactive;
    }

    /// <param name="root">The element whose text is hashed.</param>
    /// <param name="interactive">The same element once its circuit is up.</param>
    public static async Task<PageProbe> AttachAsync(IPage page, string root, string interactive)
    {
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("Performance.enable");
        return new PageProbe(page, devTools, root, interactive);
    }

    /// <summary>With <paramref name="forceGc"/>, after a full garbage collection of the page (what is really kept).</summary>
    public async Task<PageReading> ReadAsync(bool forceGc)
    {
        if (forceGc)
        {
            await _devTools.SendAsync("HeapProfiler.collectGarbage");
        }
        var answer = await _devTools.SendAsync("Performance.getMetrics")
            ?? throw new InvalidOperationException("Performance.getMetrics gave no answer.");
        var metrics = answer.GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble(), StringComparer.Ordinal);
        double Metric(string name) => metrics.TryGetValue(name, out var value) ? value : double.NaN;
        // As a JSON string: Playwright's own serialization of objects adds reference markers.
        var page = await _page.EvaluateAsync<string>("""
            ([root, interactive]) => JSON.stringify({
              elements: document.getElementsByTagName('*').length,
              text: document.querySelector(root)?.innerText ?? '',
              interactive: document.querySelector(interactive) !== null,
            })
            """, new[] { _root, _interactive });
        using var json = JsonDocument.Parse(page);
        var text = json.RootElement.GetProperty("text").GetString() ?? "";
        return new PageReading(Metric("JSHeapUsedSize"), Metric("JSHeapTotalSize"), Metric("Nodes"), Metric("JSEventListeners"),
            json.RootElement.GetProperty("elements").GetInt32(),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12],
            json.RootElement.GetProperty("interactive").GetBoolean());
    }
}
