using System.Globalization;
using Microsoft.Playwright;
using static GreenCommunity.LoadTests.Markdown;

namespace GreenCommunity.LoadTests;

/// <summary>How a display-soak ran: its options and what the browser said.</summary>
internal sealed record DisplaySoakRun(double Minutes, double Interval, double SampleSeconds, ViewportSize Viewport, string? Rotate, double Settle,
    int WarmupReports, string Label, string App)
{
    public double OpenSeconds { get; init; } = double.NaN;

    public string BrowserVersion { get; init; } = "?";
}

/// <summary>One display-soak sample: the page as it was, the page after a forced GC, whether its text changed, the server.</summary>
internal sealed record DisplaySample(double Minutes, PageReading Page, PageReading Retained, bool Changed, MemoryReading Server, long ChromiumBytes, int Posted, int Failed);

/// <summary>A forced-GC reading of the page and the server together (right after load, at the end).</summary>
internal sealed record Forced(PageReading Page, MemoryReading Server);

/// <summary>display-soak's results: the samples, the trend of each measure, liveness, and the end against right after load.</summary>
internal static class DisplaySoakResults
{
    /// <summary>The end (forced GC) may be at most this much above right after load (forced GC).</summary>
    private const double EndOverLoadLimit = 1.25;

    public static string LogLine(DisplaySample s) =>
        $"  {s.Minutes:0.0} min [{s.Page.Phase}]: JS heap {MiB(s.Page.JsHeapUsedBytes)} MiB ({MiB(s.Retained.JsHeapUsedBytes)} after GC), " +
        $"nodes {s.Page.Nodes:0} ({s.Retained.Nodes:0}), elements {s.Page.Elements}, listeners {s.Page.EventListeners:0}, changed {Yes(s.Changed)}, " +
        $"server WS {MiB(s.Server.WorkingSetBytes)} MiB, GC heap {MiB(s.Server.GcHeapBytes)} MiB, reports {s.Posted} ({s.Failed} failed)";

    public static Markdown Write(DisplaySoakRun run, IReadOnlyList<DisplaySample> samples, double warmup, Forced loaded, Forced end, bool samePanel,
        int posted, int failed, CpuWindow cpu)
    {
        var md = new Markdown()
            .Heading(3, $"display-soak{(run.Label.Length > 0 ? $" — {run.Label}" : "")}: {run.Minutes} min at {run.Viewport.Width}×{run.Viewport.Height}, a report every {run.Interval} s")
            .Machine(run.BrowserVersion)
            .Paragraph($"App: `{run.App}`. One Chromium page on `{Selectors.DisplayTokenPathPrefix}<display token>`, interactive after " +
                $"{Number(run.OpenSeconds, 1)} s, then {run.WarmupReports} warm-up report(s) (not counted) and {Number(run.Settle, 0)} s to settle; " +
                $"panel rotation: {(run.Rotate is null ? "the page's default" : $"`?{Selectors.DisplayRotateQuery}={run.Rotate}` on the link")}. " +
                $"Samples every {run.SampleSeconds} s: the page's JS heap in use and DOM nodes alive (DevTools `Nodes`: detached ones still held count), " +
                "each as it was and then right after a forced GC (`HeapProfiler.collectGarbage`: garbage not yet collected is not a leak; " +
                "so the next sample's \"as it was\" holds at most one interval's garbage), elements in the document, event listeners, " +
                $"the panel (`{Selectors.DisplayPanelAttribute}`), whether the text of `{Selectors.DisplayScreen}` changed since the previous sample, " +
                "the server's working set and GC heap (dotnet-counters, no forced GC), Chromium's resident set (all its processes, shared pages counted in each). " +
                $"Reports: {posted} posted, {failed} failed. Server CPU over the run: {Number(cpu.Server / cpu.Seconds)} s/s; " +
                $"Chromium {Number(cpu.Chromium / cpu.Seconds)} s/s; others {Number(cpu.Others / cpu.Seconds)} s/s.");
        md.Table(["min", "panel", "JS heap (MiB)", "after GC", "DOM nodes", "after GC", "elements", "listeners", "text changed", "interactive",
            "server WS (MiB)", "server GC heap (MiB)", "Chromium RSS (MiB)", "reports", "failed"],
            samples.Select(s => (IReadOnlyList<string>)
            [
                Number(s.Minutes, 1), s.Page.Phase ?? "—", MiB(s.Page.JsHeapUsedBytes), MiB(s.Retained.JsHeapUsedBytes), Number(s.Page.Nodes, 0), Number(s.Retained.Nodes, 0),
                Count(s.Page.Elements), Number(s.Page.EventListeners, 0), Yes(s.Changed), Yes(s.Page.Interactive),
                MiB(s.Server.WorkingSetBytes), MiB(s.Server.GcHeapBytes), MiB(s.ChromiumBytes), Count(s.Posted), Count(s.Failed),
            ]));
        List<(double, double)> Series(Func<DisplaySample, double> pick) => samples.Select(s => (s.Minutes, pick(s))).ToList();
        var panels = samples.Select(s => s.Page.Phase).ToList();
        Trend.Table(md,
        [
            Trend.Of("JS heap after GC (MiB)", Series(s => s.Retained.JsHeapUsedBytes / MemoryReading.MiB), warmup, panels),
            Trend.Of("DOM nodes after GC", Series(s => s.Retained.Nodes), warmup, panels),
            Trend.Of("JS heap as it was (MiB)", Series(s => s.Page.JsHeapUsedBytes / MemoryReading.MiB), warmup, panels),
            Trend.Of("DOM nodes as they were", Series(s => s.Page.Nodes), warmup, panels),
            Trend.Of("elements in the document", Series(s => s.Page.Elements), warmup, panels),
            Trend.Of("event listeners", Series(s => s.Page.EventListeners), warmup, panels),
            Trend.Of("server working set (MiB)", Series(s => s.Server.WorkingSetBytes / MemoryReading.MiB), warmup),
            Trend.Of("server GC heap (MiB)", Series(s => s.Server.GcHeapBytes / MemoryReading.MiB), warmup),
            Trend.Of("Chromium RSS (MiB)", Series(s => s.ChromiumBytes / MemoryReading.MiB), warmup),
        ], warmup);
        md.Paragraph("Elements and nodes depend on the panel shown (the panel column): the page's slopes, thirds and verdicts compare each sample within its panel " +
            "(less the panel's mean after the warm-up, plus the window's mean); start, after warm-up and end are as read. " +
            $"Live: the screen's text changed between {samples.Skip(1).Count(s => s.Changed)} of {Math.Max(samples.Count - 1, 0)} pairs of consecutive samples; " +
            $"interactive in {samples.Count(s => s.Page.Interactive)} of {samples.Count} samples.");
        md.Paragraph("Baseline (same run): the display page and the server right after load and at the end, each after a forced full GC " +
            "(the page: DevTools `HeapProfiler.collectGarbage`; the server: dotnet-gcdump); the end reading waited for the panel of the load reading " +
            $"(`{loaded.Page.Phase ?? "—"}`: {(samePanel ? "found" : "not found within 5 minutes, read on another panel")}). " +
            $"Limit: the end at most {Number(EndOverLoadLimit)} × right after load (room for lists that fill once; what grows with every report outgrows it over an hour).");
        md.Table(["measure (forced GC)", "right after load", "end", "end ÷ after load", $"within {Number(EndOverLoadLimit)}×"],
        [
            Baseline("JS heap (MiB)", loaded.Page.JsHeapUsedBytes / MemoryReading.MiB, end.Page.JsHeapUsedBytes / MemoryReading.MiB),
            Baseline("DOM nodes (DevTools)", loaded.Page.Nodes, end.Page.Nodes),
            Baseline("elements in the document", loaded.Page.Elements, end.Page.Elements),
            Baseline("event listeners", loaded.Page.EventListeners, end.Page.EventListeners),
            Baseline("server live heap (MiB)", (loaded.Server.LiveHeapBytes ?? double.NaN) / MemoryReading.MiB, (end.Server.LiveHeapBytes ?? double.NaN) / MemoryReading.MiB),
            Baseline("server working set (MiB)", loaded.Server.WorkingSetBytes / MemoryReading.MiB, end.Server.WorkingSetBytes / MemoryReading.MiB),
        ]);
        return md;
    }

    private static IReadOnlyList<string> Baseline(string measure, double loaded, double end) =>
        [measure, Number(loaded, 1), Number(end, 1), Ratio(end, loaded), double.IsNaN(end) || loaded <= 0 ? "—" : Yes(end <= EndOverLoadLimit * loaded)];

    private static string MiB(double bytes) => Number(bytes / MemoryReading.MiB, 1);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Yes(bool value) => value ? "yes" : "no";
}
