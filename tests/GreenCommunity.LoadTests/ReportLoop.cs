using System.Diagnostics;

namespace GreenCommunity.LoadTests;

/// <summary>
/// A report every interval (on a fixed schedule, so that a slow POST does not stretch the run) until stopped; counts
/// what was accepted and what was not. The soaks run one beside their sampling.
/// </summary>
internal sealed class ReportLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _posted;
    private int _failed;

    private ReportLoop(ReportPoster poster, double intervalSeconds) =>
        _loop = Task.Run(() => RunAsync(poster, intervalSeconds));

    public int Posted => Volatile.Read(ref _posted);

    public int Failed => Volatile.Read(ref _failed);

    public static ReportLoop Start(ReportPoster poster, double intervalSeconds) => new(poster, intervalSeconds);

    private async Task RunAsync(ReportPoster poster, double intervalSeconds)
    {
        var clock = Stopwatch.StartNew();
        for (var k = 0; !_stop.IsCancellationRequested; k++)
        {
            var due = TimeSpan.FromSeconds(k * intervalSeconds) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(due, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            // Not cancelled mid-request: a report cut off half-way would count as failed.
            try
            {
                var report = await poster.PostAsync(CancellationToken.None);
                Interlocked.Increment(ref report.ReportId.Length > 0 ? ref _posted : ref _failed);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // A long run outlives one refused connection or timeout: counted, and the loop goes on.
                await Console.Error.WriteLineAsync($"POST failed: {e.Message}");
                Interlocked.Increment(ref _failed);
            }
        }
    }

    /// <summary>Stops after the report in flight, if any.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
