using BenchmarkDotNet.Attributes;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// One report through <see cref="ReportWriter"/>, each iteration into a fresh copy of the seeded store: a small report
/// (the baseline), a valid 5,000-update report applied, a 10,000-update report whose last update is refused.
/// </summary>
public class ReportWriteBenchmarks : IDisposable
{
    private WritePathStore _store = null!;
    private ReportSubmission _small = null!;
    private ReportSubmission _valid5000 = null!;
    private ReportSubmission _invalid10000 = null!;
    private ReportWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _store = WritePathStore.Create();
        (_small, _valid5000, _invalid10000) = ReportWriteReports.Build(_store);
    }

    [IterationSetup]
    public void NewCopy() => _writer = new ReportWriter(_store.Copy(), _store.Campaign);

    [IterationCleanup]
    public void DropCopy()
    {
        _writer.Dispose();
        _store.DropCopies();
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    public void Dispose()
    {
        _writer?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Three updates from Yichang.</summary>
    [Benchmark(Baseline = true)]
    public Task<ReportOutcome> SmallReport() => ReportWriteReports.ExpectAsync(_writer, _small, SubmitterScope.ForLocality(WritePathStore.Yichang), ReportOutcomeKind.Stored);

    [Benchmark]
    public Task<ReportOutcome> Valid5000() => ReportWriteReports.ExpectAsync(_writer, _valid5000, SubmitterScope.ForLocality(WritePathStore.Wuhan), ReportOutcomeKind.Stored);

    [Benchmark]
    public Task<ReportOutcome> Invalid10000() => ReportWriteReports.ExpectAsync(_writer, _invalid10000, SubmitterScope.ForLocality(WritePathStore.Wuhan), ReportOutcomeKind.Rejected);
}

/// <summary>
/// How long a small report from another locality (Yichang) waits when it is sent while a large Wuhan report is being
/// processed: sent <see cref="SentAfterMilliseconds"/> after the large one, through the same writer. The baseline is
/// the same small report with nothing else going on.
/// </summary>
public class ReportWriteWaitBenchmarks : IDisposable
{
    private WritePathStore _store = null!;
    private ReportSubmission _small = null!;
    private ReportSubmission _valid5000 = null!;
    private ReportSubmission _invalid10000 = null!;
    private ReportWriter _writer = null!;
    private Task<ReportOutcome>? _large;

    /// <summary>How long after the large report the small one is sent.</summary>
    [Params(250, 1000)]
    public int SentAfterMilliseconds { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = WritePathStore.Create();
        (_small, _valid5000, _invalid10000) = ReportWriteReports.Build(_store);
    }

    [IterationSetup(Target = nameof(SmallAlone))]
    public void Quiet() => _writer = new ReportWriter(_store.Copy(), _store.Campaign);

    [IterationSetup(Target = nameof(SmallBehindInvalid10000))]
    public void SendInvalid10000() => SendLarge(_invalid10000);

    [IterationSetup(Target = nameof(SmallBehindValid5000))]
    public void SendValid5000() => SendLarge(_valid5000);

    [IterationCleanup]
    public void DropCopy()
    {
        _large?.GetAwaiter().GetResult();
        _large = null;
        _writer.Dispose();
        _store.DropCopies();
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    public void Dispose()
    {
        _writer?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public Task<ReportOutcome> SmallAlone() => SendSmall();

    [Benchmark]
    public Task<ReportOutcome> SmallBehindInvalid10000() => SendSmall();

    [Benchmark]
    public Task<ReportOutcome> SmallBehindValid5000() => SendSmall();

    private Task<ReportOutcome> SendSmall() =>
        ReportWriteReports.ExpectAsync(_writer, _small, SubmitterScope.ForLocality(WritePathStore.Yichang), ReportOutcomeKind.Stored);

    private void SendLarge(ReportSubmission large)
    {
        _writer = new ReportWriter(_store.Copy(), _store.Campaign);
        _large = Task.Run(() => _writer.SubmitAsync(large, SubmitterScope.ForLocality(WritePathStore.Wuhan), DateTimeOffset.UtcNow, CancellationToken.None));
        Thread.Sleep(SentAfterMilliseconds);   // setup, not measured: the large report is under way when the measured small one is sent
    }
}

/// <summary>The reports both benchmark classes send.</summary>
internal static class ReportWriteReports
{
    public static (ReportSubmission Small, ReportSubmission Valid5000, ReportSubmission Invalid10000) Build(WritePathStore store) =>
    (
        WritePathStore.Report(WritePathStore.Yichang, store.YichangNotStarted.Take(3).Select(c => (c, Stage.InProgress))),
        WritePathStore.Report(WritePathStore.Wuhan, store.WuhanNotStarted.Take(5_000).Select(c => (c, Stage.InProgress))),
        WritePathStore.Report(WritePathStore.Wuhan,
            [.. store.WuhanNotStarted.Take(9_999).Select(c => (c, Stage.InProgress)), (store.WuhanStarted, Stage.NotStarted)])
    );

    /// <summary>Submits and checks the outcome: a benchmark that measured a refusal where a store was meant would mislead.</summary>
    public static async Task<ReportOutcome> ExpectAsync(ReportWriter writer, ReportSubmission report, SubmitterScope scope, ReportOutcomeKind expected)
    {
        var outcome = await writer.SubmitAsync(report, scope, DateTimeOffset.UtcNow, CancellationToken.None);
        return outcome.Kind == expected ? outcome
            : throw new InvalidOperationException($"Expected {expected}, got {outcome.Kind}: {string.Join("; ", outcome.Errors.Problems.Take(3).Select(p => $"{p.Path} {p.EnglishText}"))}");
    }
}
