using System.Threading.Channels;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Subscriptions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GreenCommunity.Dashboard.Tests.Live;

public sealed class CallbackThrottlerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Trigger_Burst_RunsOnceAndThenAtMostOncePerInterval()
    {
        // Arrange
        var clock = new FakeTimeProvider();
        var runs = Channel.CreateUnbounded<DateTimeOffset>();
        using var throttler = new CallbackThrottler(() => { runs.Writer.TryWrite(clock.GetUtcNow()); return Task.CompletedTask; }, TimeSpan.FromMilliseconds(250), clock);
        var start = clock.GetUtcNow();

        // Act: the first trigger runs at once; a burst right after is folded into one run 250 ms later.
        throttler.Trigger();
        var first = await runs.Reader.ReadAsync(Ct);
        for (var i = 0; i < 50; i++)
        {
            throttler.Trigger();
        }
        clock.Advance(TimeSpan.FromMilliseconds(249));
        await Task.Delay(50, Ct);
        var earlyRun = runs.Reader.TryRead(out _);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = await runs.Reader.ReadAsync(Ct);
        await Task.Delay(50, Ct);

        // Assert
        Assert.Equal(start, first);
        Assert.False(earlyRun);
        Assert.Equal(start.AddMilliseconds(250), second);
        Assert.False(runs.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Dispose_WhileWaiting_NeverRuns()
    {
        // Arrange
        var clock = new FakeTimeProvider();
        var runs = 0;
        var throttler = new CallbackThrottler(() => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, TimeSpan.FromSeconds(1), clock);
        throttler.Trigger();
        throttler.Trigger();

        // Act
        throttler.Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));
        throttler.Trigger();
        await Task.Delay(50, Ct);

        // Assert
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Notifier_FailingSubscriber_DoesNotStopOthersAndUnsubscribeStopsCalls()
    {
        // Arrange
        var notifier = new ProgressNotifier(NullLogger<ProgressNotifier>.Instance);
        var heard = Channel.CreateUnbounded<string>();
        using var failing = notifier.Subscribe(_ => throw new InvalidOperationException("boom"));
        var listening = notifier.Subscribe(n => { heard.Writer.TryWrite(n.ReportId); return Task.CompletedTask; });
        var notice = new ReportNotice("r1", "420100", "monthly", "2026-11", true, DateTimeOffset.UtcNow, 1, false, ["420102"]);

        // Act
        notifier.Publish(notice);
        var first = await heard.Reader.ReadAsync(Ct);
        listening.Dispose();
        notifier.Publish(notice with { ReportId = "r2" });
        await Task.Delay(50, Ct);

        // Assert
        Assert.Equal("r1", first);
        Assert.False(heard.Reader.TryRead(out _));
        Assert.Equal(1, notifier.SubscriberCount);
    }
}
