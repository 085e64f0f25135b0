using System.Diagnostics;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Progress;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Live;

/// <summary>The shared live view: one recomputation per change for any number of pages, and past days dropped exactly when a late report changes them.</summary>
public sealed class LiveProgressTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private LiveProgress Live => factory.Services.GetRequiredService<LiveProgress>();

    [Fact]
    public async Task Report_ManySubscribers_TodayIsRecomputedOnceAndEveryoneGetsTheSameSnapshot()
    {
        // Arrange: 30 listeners, as 30 open pages would be.
        var before = await Live.GetAsync(null, Ct);
        var heard = new List<ProgressSnapshot>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriptions = Enumerable.Range(0, 30).Select(_ => Live.Subscribe(change =>
        {
            lock (heard)
            {
                heard.Add(change.Current);
                if (heard.Count == 30)
                {
                    all.TrySetResult();
                }
            }
            return Task.CompletedTask;
        })).ToList();
        var recomputations = Live.Recomputations;
        var communities = await factory.TakeNotStartedAsync("420500", 2);

        // Act
        await LiveReports.StartAsync(factory, "420500", communities, ReportBodies.Today);
        await all.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // Assert
        Assert.Equal(recomputations + 1, Live.Recomputations);
        var snapshot = Assert.Single(heard.Distinct());
        Assert.Equal(before.Province.Find("420500")!.Figures.Started + 2, snapshot.Province.Find("420500")!.Figures.Started);
        Assert.Same(before.Province.Find("420100"), snapshot.Province.Find("420100"));   // unchanged localities are the same objects
        Assert.Same(snapshot, await Live.GetAsync(null, Ct));
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Burst_OfReports_RecomputesAtMostOncePerIntervalAndEndsWithAllOfThem()
    {
        // Arrange
        var before = (await Live.GetAsync(null, Ct)).Province.Find("420600")!.Figures.Started;
        var communities = await factory.TakeNotStartedAsync("420600", 12);
        var recomputations = Live.Recomputations;
        var clock = Stopwatch.StartNew();

        // Act: twelve reports at once, as a burst of localities' submissions would arrive.
        await Task.WhenAll(communities.Select(c => LiveReports.StartAsync(factory, "420600", [c], ReportBodies.Today)));
        await WaitForAsync(async () => (await Live.GetAsync(null, Ct)).Province.Find("420600")!.Figures.Started == before + 12);
        var elapsed = clock.Elapsed;

        // Assert: never more than one recomputation per 250 ms (plus the first, which runs at once), and the burst
        // was taken in fewer recomputations than reports (without the throttle there would be one per report).
        var done = Live.Recomputations - recomputations;
        Assert.InRange(done, 1, Math.Min((long)(elapsed / s_throttleInterval) + 1, communities.Count - 1));
    }

    [Fact]
    public async Task Report_OnlyItsLocalitysHeatMapCellsAreReadAgain_AndTheyEqualAFullRead()
    {
        // Arrange: Xiantao is administered by the province: its own only county-level unit, with the same code. The
        // snapshot before is taken once the live view is quiet (an earlier test's report may still be recomputing).
        var before = await QuietSnapshotAsync();
        var communities = await factory.TakeNotStartedAsync("429004", 2);

        // Act
        await LiveReports.StartAsync(factory, "429004", communities, ReportBodies.Today);
        await WaitForAsync(async () => (await Live.GetAsync(null, Ct)).Province.Find("429004")!.Figures.Started == before.Province.Find("429004")!.Figures.Started + 2);

        // Assert: every cell as a full read of the store has it; another locality's cells are the very objects of before.
        var snapshot = await Live.GetAsync(null, Ct);
        var full = await factory.Services.GetRequiredService<SnapshotReader>().SharesAsync(snapshot.Day, Ct);
        Assert.Equal(full.OrderBy(c => c.Key), snapshot.Shares.OrderBy(c => c.Key));
        Assert.Equal(before.Shares[("429004", 1)].Started + 2, snapshot.Shares[("429004", 1)].Started);
        Assert.Same(before.Shares[("420100", 1)], snapshot.Shares[("420100", 1)]);
        Assert.Same(before.Shares[("420102", 1)], snapshot.Shares[("420102", 1)]);
    }

    [Fact]
    public async Task LateReport_EffectiveInThePast_DropsExactlyTheDaysFromThenOn()
    {
        // Arrange: two past days in the cache, either side of the late report's effective day.
        var progress = factory.Services.GetRequiredService<ProgressReader>();
        var earlier = await Live.GetAsync(new DateOnly(2021, 12, 31), Ct);
        var later = await Live.GetAsync(new DateOnly(2022, 6, 30), Ct);
        var todayBefore = await Live.GetAsync(null, Ct);
        var community = (await factory.TakeNotStartedAsync("420100", 1))[0];
        var effective = new DateOnly(2022, 3, 15);

        // Act
        await LiveReports.StartAsync(factory, "420100", [community], effective);
        // Until the live view has taken this report (a recomputation for an earlier test may come first).
        var june30 = new DateOnly(2022, 6, 30);
        var juneBefore = todayBefore.Series["420100"].Single(p => p.Day == june30).Started;
        await WaitForAsync(async () => (await Live.GetAsync(null, Ct)).Series["420100"].Single(p => p.Day == june30).Started == juneBefore + 1);

        // Assert
        Assert.Same(earlier, await Live.GetAsync(new DateOnly(2021, 12, 31), Ct));
        var recomputed = await Live.GetAsync(new DateOnly(2022, 6, 30), Ct);
        Assert.NotSame(later, recomputed);
        Assert.Equal(later.Province.Find("420100")!.Figures.Started + 1, recomputed.Province.Find("420100")!.Figures.Started);
        Assert.Equal((await progress.GetProvinceAsync(new DateOnly(2022, 6, 30), Ct)).Figures, recomputed.Province.Figures);
        // Today's month ends from March 2022 on count it too (the kept month ends were dropped).
        var june = (await Live.GetAsync(null, Ct)).Series["420100"].Single(p => p.Day == new DateOnly(2022, 6, 30));
        Assert.Equal(recomputed.Province.Find("420100")!.Figures.Started, june.Started);
        var before = todayBefore.Series["420100"].Single(p => p.Day == new DateOnly(2022, 6, 30));
        Assert.Equal(before.Started + 1, june.Started);
    }

    [Fact]
    public async Task TodaysSeries_EqualsTheHistoryQueryOverTheWholeCampaign()
    {
        // Arrange
        var history = factory.Services.GetRequiredService<ProgressHistoryQueries>();
        var progress = factory.Services.GetRequiredService<ProgressReader>();
        var stored = (await progress.GetProvinceAsync(null, Ct)).Figures;
        await WaitForAsync(async () => (await Live.GetAsync(null, Ct)).Province.Figures == stored);   // caught up with earlier tests' reports
        var snapshot = await Live.GetAsync(null, Ct);

        // Act
        var expected = await history.MonthEndsAsync(snapshot.Campaign.Start, snapshot.Day, snapshot.Campaign.ProvinceCode, Ct);

        // Assert
        Assert.Equal(expected.Keys.Order(), snapshot.Series.Keys.Order());
        foreach (var (region, points) in expected)
        {
            Assert.Equal(points, snapshot.Series[region]);
        }
    }

    private static readonly TimeSpan s_throttleInterval = GreenCommunity.Dashboard.Subscriptions.CallbackThrottler.DefaultInterval;

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "The live view did not catch up within 10 s.");
            await Task.Delay(20, Ct);
        }
    }

    /// <summary>Today's snapshot once no recomputation has replaced it for longer than the live view's throttle (250 ms).</summary>
    private async Task<GreenCommunity.Dashboard.LiveView.ProgressSnapshot> QuietSnapshotAsync()
    {
        var last = await Live.GetAsync(null, Ct);
        while (true)
        {
            await Task.Delay(400, Ct);
            var now = await Live.GetAsync(null, Ct);
            if (ReferenceEquals(now, last))
            {
                return now;
            }
            last = now;
        }
    }
}
