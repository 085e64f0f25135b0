using System.Diagnostics;
using System.Globalization;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reference;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Data.Tests.National;

/// <summary>
/// The whole country on this suite's engine, timed: the loader, then the demo history. Minutes of work, so it runs only
/// when asked: <c>GC_NATIONAL_MEASURE=1 dotnet test tests/GreenCommunity.Data.Tests --filter "FullyQualifiedName~NationalScaleMeasurement"
/// --logger "console;verbosity=detailed"</c> (and the same on tests/GreenCommunity.Data.Postgres.Tests).
/// </summary>
public sealed class NationalScaleMeasurement
{
    public static bool Enabled => Environment.GetEnvironmentVariable("GC_NATIONAL_MEASURE") == "1";

    [Fact(Skip = "Set GC_NATIONAL_MEASURE=1 to load and play the whole country", SkipUnless = nameof(Enabled), Timeout = 1_800_000)]
    public async Task LoadAndWrite_WholeCountry_IsTimedAndConsistent()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var store = await NationalTestStore.CreateAsync();
        var output = TestContext.Current.TestOutputHelper!;

        // Act
        var clock = Stopwatch.StartNew();
        var loaded = await store.Loader().LoadAsync(null, ct);
        var loading = clock.Elapsed;
        clock.Restart();
        var written = await store.History().WriteAsync(2021, ct);
        var writing = clock.Elapsed;
        clock.Restart();
        var progress = new ProgressQueries(store.Database);
        var present = Total(await progress.GetCurrentByCountyAsync(ct));
        var today = Total(await progress.GetByCountyAsOfAsync(ChinaTime.DateAt(NationalTestStore.Now), ct));
        var mid2022 = Total(await progress.GetByCountyAsOfAsync(new DateOnly(2022, 6, 30), ct));
        var end2022 = Total(await progress.GetByCountyAsOfAsync(new DateOnly(2022, 12, 31), ct));
        var asOf = clock.Elapsed;

        // Assert
        var rows = new Dictionary<string, long>();
        foreach (var table in new[] { "regions", "communities", "reports", "stage_events", "criterion_assessments", "community_criteria", "community_state" })
        {
            rows[table] = await store.CountAsync(table);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{TestDatabases.Engine}: load {loading.TotalSeconds:F1} s ({loaded}); history {writing.TotalSeconds:F1} s ({written}); four national as-of sums {asOf.TotalSeconds:F1} s"));
        output.WriteLine(string.Join(", ", rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value:N0}"))));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"started {mid2022.StartedRate:P1} on 2022-06-30, {end2022.StartedRate:P1} on 2022-12-31, {present.StartedRate:P1} now; accepted {end2022.AcceptedRate:P1} on 2022-12-31, {present.AcceptedRate:P1} now"));
        Assert.Equal(new NationalReferenceCounts(31, 342, 2978, 124_649), loaded);
        Assert.Equal(present, today);
        Assert.InRange(mid2022.StartedRate, 0.27, 0.33);
        Assert.InRange(end2022.StartedRate, 0.56, 0.64);
    }

    private static ProgressFigures Total(IReadOnlyDictionary<string, ProgressFigures> counties) =>
        counties.Values.Aggregate(ProgressFigures.Empty, (sum, f) => sum.Add(f));
}
