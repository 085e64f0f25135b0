using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace GreenCommunity.LoadTests;

/// <summary>
/// One reading of a page in Chromium. From the DevTools protocol's Performance.getMetrics: the JS heap in use,
/// DOM nodes alive (attached or not: detached nodes still held by script count, which is how a DOM leak shows) and
/// event listeners. From the page: elements in the document, a hash of the text it shows (to tell a live page from
/// a frozen one), whether its root element still says it is interactive, and the phase it says it is in (a rotating
/// screen's panel: its node count depends on it).
/// </summary>
internal sealed record PageReading(double JsHeapUsedBytes, double JsHeapTotalBytes, double Nodes, double EventListeners, int Elements, string TextHash,
    bool Interactive, string? Phase);

/// <summary>What a probe looks at: the root element, the same once interactive, and the root's attribute naming its phase.</summary>
internal sealed record ProbeTarget(string Root, string Interactive, string PhaseAttribute);

/// <summary>A DevTools session on one page, for <see cref="PageReading"/>s.</summary>
internal sealed class PageProbe(IPage page, ICDPSession devTools, ProbeTarget target)
{
    private readonly IPage _page = page;
    private readonly ICDPSession _devTools = devTools;
    private readonly ProbeTarget _target = target;

    public static async Task<PageProbe> AttachAsync(IPage page, ProbeTarget target)
    {
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("Performance.enable");
        return new PageProbe(page, devTools, target);
    }

    /// <summary>Waits until the root says it is in <paramref name="phase"/>; false if it did not within the time.</summary>
    public async Task<bool> WaitForPhaseAsync(string? phase, TimeSpan timeout)
    {
        try
        {
            await _page.WaitForFunctionAsync("([root, attribute, phase]) => document.querySelector(root)?.getAttribute(attribute) === phase",
                new[] { _target.Root, _target.PhaseAttribute, phase }, new PageWaitForFunctionOptions { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 250 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
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
            ([root, interactive, attribute]) => JSON.stringify({
              elements: document.getElementsByTagName('*').length,
              text: document.querySelector(root)?.innerText ?? '',
              interactive: document.querySelector(interactive) !== null,
              phase: document.querySelector(root)?.getAttribute(attribute) ?? null,
            })
            """, new[] { _target.Root, _target.Interactive, _target.PhaseAttribute });
        using var json = JsonDocument.Parse(page);
        var text = json.RootElement.GetProperty("text").GetString() ?? "";
        return new PageReading(Metric("JSHeapUsedSize"), Metric("JSHeapTotalSize"), Metric("Nodes"), Metric("JSEventListeners"),
            json.RootElement.GetProperty("elements").GetInt32(),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12],
            json.RootElement.GetProperty("interactive").GetBoolean(),
            json.RootElement.GetProperty("phase").GetString());
    }
}
