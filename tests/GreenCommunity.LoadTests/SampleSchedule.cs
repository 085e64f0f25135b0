using System.Diagnostics;

namespace GreenCommunity.LoadTests;

/// <summary>The soaks' sampling clock: a reading at 0, every interval and at the end, on a fixed schedule.</summary>
internal static class SampleSchedule
{
    /// <summary>
    /// Calls <paramref name="takeAsync"/> with the minutes since the start, every <paramref name="everySeconds"/> until
    /// <paramref name="minutes"/> have passed; it returns false to stop early (the app exited).
    /// </summary>
    public static async Task RunAsync(double minutes, double everySeconds, Func<double, Task<bool>> takeAsync)
    {
        var clock = Stopwatch.StartNew();
        for (var s = 0; ; s++)
        {
            var due = TimeSpan.FromSeconds(s * everySeconds) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }
            // A reading takes seconds (dotnet-counters): the small slack keeps the last one when it is due at the end.
            if (clock.Elapsed.TotalMinutes > minutes + 0.01 || !await takeAsync(clock.Elapsed.TotalMinutes))
            {
                return;
            }
        }
    }
}
