using System.Globalization;
using Dapper;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Reports;

/// <summary>
/// The writer's set-based statements with several communities in one report, on each engine (SQLite reads a report's
/// rows as JSON lists, PostgreSQL as arrays): each update is judged on its own community's history on its own day, and
/// the community list's columns follow each community named, whether its update carries a stage, criteria or both.
/// </summary>
public sealed class ReportWriterSetBasedTests
{
    private const string Wuhan = "420100";
    private const string Baocheng = "420102002003";   // 保成社区
    private const string Taining = "420102002004";    // 泰宁社区
    private const string Xianfeng = "420102002005";   // 先锋社区
    private const string Jiqing = "420102002008";     // 吉庆社区, never named

    private static readonly DateTimeOffset s_received = new(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_AcceptanceOfSeveralCommunities_JudgesEachOnItsOwnCriteriaOnItsOwnDay()
    {
        // Arrange: Baocheng meets all 16 from 04-01; Xianfeng all but criterion 3; Taining all but 12 until 05-15.
        await using var store = await TestStore.CreateAsync();
        var withoutThree = AllCriteria();
        withoutThree[3] = 0;
        var lowTwelve = AllCriteria();
        lowTwelve[12] = 0.25;
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan),
            Update(Baocheng, Stage.InProgress, 4, 1, AllCriteria()),
            Update(Xianfeng, Stage.InProgress, 4, 1, withoutThree),
            Update(Taining, Stage.InProgress, 4, 1, lowTwelve));
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), Update(Taining, null, 5, 15, new() { [12] = 0.35 }));

        // Act: the province accepts all three as of 05-10, then Taining as of 05-16
        var early = await store.Writer.SubmitAsync(Monthly(
                Update(Xianfeng, Stage.Accepted, 5, 10, []),
                Update(Taining, Stage.Accepted, 5, 10, []),
                Update(Baocheng, Stage.Accepted, 5, 10, [])),
            SubmitterScope.Province, s_received, Ct);
        var later = await store.Writer.SubmitAsync(Monthly(Update(Taining, Stage.Accepted, 5, 16, [])), SubmitterScope.Province, s_received, Ct);

        // Assert
        Assert.False(early.IsStored);
        Assert.Equal(
            new[] { ("updates[0].stage", ReportProblemCodes.CriteriaUnmet, "3"), ("updates[1].stage", ReportProblemCodes.CriteriaUnmet, "12") },
            early.Errors.Problems.Select(p => (p.Path, p.Code, string.Join(',', (IEnumerable<int>)p.Arguments[0]))));
        Assert.True(later.IsStored);
    }

    [Fact]
    public async Task Submit_UpdatesWithStagesCriteriaOrBoth_KeepEachNamedCommunitysListColumns()
    {
        // Arrange: Baocheng in progress with criteria 1 and 12 (20%), Taining in progress without criteria
        await using var store = await TestStore.CreateAsync();
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan),
            Update(Baocheng, Stage.InProgress, 5, 10, new() { [1] = 1, [12] = 0.2 }),
            Update(Taining, Stage.InProgress, 5, 10, []));

        // Act: criteria only for Baocheng (12 raised) and Xianfeng (its first), Taining's stage again; then a report of
        // a stage only (Xianfeng a pilot)
        var second = await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan),
            Update(Baocheng, null, 5, 18, new() { [12] = 0.4 }),
            Update(Xianfeng, null, 5, 18, new() { [3] = 1 }),
            Update(Taining, Stage.InProgress, 5, 18, []));
        var afterSecond = await ListColumnsAsync(store);
        var third = await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), Update(Xianfeng, Stage.Pilot, 5, 19, []));
        var afterThird = await ListColumnsAsync(store);

        // Assert: criteria met, mask, criterion 12, last report, last change
        Assert.Equal(
            new[]
            {
                $"{Baocheng}:2:{1 | (1 << 11)}:0.4:{second}:2022-05-18",
                $"{Taining}:0:0:-:{second}:2022-05-10",
                $"{Xianfeng}:1:{1 << 2}:-:{second}:2022-05-18",
                $"{Jiqing}:0:0:-:-:-",
            },
            afterSecond);
        Assert.Equal(
            new[]
            {
                $"{Baocheng}:2:{1 | (1 << 11)}:0.4:{second}:2022-05-18",
                $"{Taining}:0:0:-:{second}:2022-05-10",
                $"{Xianfeng}:1:{1 << 2}:-:{third}:2022-05-19",
                $"{Jiqing}:0:0:-:-:-",
            },
            afterThird);
    }

    [Fact]
    public async Task Submit_BackdatedAssessments_CountOnlyWhereTheyAreTheLatest()
    {
        // Arrange: Baocheng in progress with criterion 1 met (May 10) and criterion 12 at 20% (May 10), then 40% (May 18)
        await using var store = await TestStore.CreateAsync();
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), Update(Baocheng, Stage.InProgress, 5, 10, new() { [1] = 1, [12] = 0.2 }));
        await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), Update(Baocheng, null, 5, 18, new() { [12] = 0.4 }));

        // Act: a correction dated May 15: criterion 1 not met (later than its May 10, so it is the present now) and
        // criterion 12 at 30% (earlier than its May 18: history, not the present)
        var correction = await SubmitAsync(store, SubmitterScope.ForLocality(Wuhan), Update(Baocheng, null, 5, 15, new() { [1] = 0, [12] = 0.3 }));

        // Assert: only criterion 12 met, at 40%; the last change still May 18
        Assert.Equal($"{Baocheng}:1:{1 << 11}:0.4:{correction}:2022-05-18", (await ListColumnsAsync(store))[0]);
    }

    private static async Task<IReadOnlyList<string>> ListColumnsAsync(TestStore store)
    {
        await using var connection = await store.Database.OpenAsync(Ct);
        var rows = await connection.QueryAsync<(string Code, long Met, long Mask, double? C12, long? LastReport, string? LastChange)>(
            """
            SELECT community_code AS Code, criteria_met AS Met, met_mask AS Mask, c12 AS C12, last_report AS LastReport, last_change AS LastChange
              FROM community_state WHERE community_code IN (@Baocheng, @Taining, @Xianfeng, @Jiqing) ORDER BY community_code
            """, new { Baocheng, Taining, Xianfeng, Jiqing });
        return rows.Select(r => FormattableString.Invariant(
            $"{r.Code}:{r.Met}:{r.Mask}:{(r.C12 is { } c12 ? c12.ToString(CultureInfo.InvariantCulture) : "-")}:{(r.LastReport is { } report ? report.ToString(CultureInfo.InvariantCulture) : "-")}:{r.LastChange ?? "-"}"))
            .ToList();
    }

    private static async Task<long> SubmitAsync(TestStore store, SubmitterScope scope, params CommunityUpdate[] updates)
    {
        var outcome = await store.Writer.SubmitAsync(Monthly(updates), scope, s_received, Ct);
        Assert.True(outcome.IsStored, string.Join("; ", outcome.Errors.Problems.Select(p => $"{p.Path} {p.EnglishText}")));
        return outcome.Stored!.Sequence;
    }

    private static Dictionary<int, double> AllCriteria() => Enumerable.Range(1, 16).ToDictionary(n => n, n => n == 12 ? 0.5 : 1.0);

    private static CommunityUpdate Update(string community, Stage? stage, int month, int day, Dictionary<int, double> criteria) =>
        new(community, stage, new DateOnly(2022, month, day), criteria);

    private static ReportSubmission Monthly(params CommunityUpdate[] updates) =>
        new(Wuhan, ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), "武汉市住房和城乡建设局", null, updates);
}
