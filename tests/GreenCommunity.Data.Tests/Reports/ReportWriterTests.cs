using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Reports;

public sealed class ReportWriterTests
{
    private const string Wuhan = "420100";
    private const string Baocheng = "420102002003";   // 保成社区, 江岸区, 武汉市
    private const string Taining = "420102002004";
    private const string YichangCommunity = "420502001001";   // 土街头社区, 宜昌市

    private static readonly DateTimeOffset s_received = new(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Submit_ValidReport_StoresHistoryAndCurrentState()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        var report = Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 2022, 5, 10, (1, 1), (12, 0.42)));

        // Act
        var outcome = await store.Writer.SubmitAsync(report, SubmitterScope.ForLocality(Wuhan), s_received, TestContext.Current.CancellationToken);

        // Assert
        Assert.True(outcome.IsStored);
        Assert.Equal(1, outcome.Stored!.Applied);
        Assert.True(outcome.Stored.OnTime);
        Assert.Equal(new DateTimeOffset(2022, 5, 25, 23, 59, 59, TimeSpan.FromHours(8)), outcome.Stored.Deadline);
        await using var connection = await store.Database.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>("SELECT stage FROM community_state WHERE community_code = @Baocheng", new { Baocheng }));
        Assert.Equal(1L, await store.CountAsync("stage_events"));
        Assert.Equal(2L, await store.CountAsync("criterion_assessments"));
        Assert.Equal(0.42, await connection.ExecuteScalarAsync<double>("SELECT value FROM community_criteria WHERE community_code = @Baocheng AND criterion = 12", new { Baocheng }));
    }

    [Fact]
    public async Task Submit_OneBadUpdateAmongGoodOnes_WritesNothingAndListsEveryProblem()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 2022, 4, 1)), SubmitterScope.ForLocality(Wuhan), s_received, TestContext.Current.CancellationToken);
        var before = await store.FingerprintAsync();
        var report = Monthly(Wuhan,
            Update(Taining, Stage.Pilot, 2022, 5, 1, (1, 1)),
            Update(YichangCommunity, Stage.InProgress, 2022, 5, 1),                    // another locality's community
            Update("420102999999", Stage.InProgress, 2022, 5, 1),                      // no such community
            Update(Baocheng, Stage.NotStarted, 2022, 5, 2));                           // cannot go back

        // Act
        var outcome = await store.Writer.SubmitAsync(report, SubmitterScope.ForLocality(Wuhan), s_received, TestContext.Current.CancellationToken);

        // Assert
        Assert.False(outcome.IsStored);
        var errors = outcome.Errors.ToDictionary();
        Assert.Equal(["updates[1].community", "updates[2].community", "updates[3].stage"], errors.Keys);
        Assert.Contains("not in locality", errors["updates[1].community"][0], StringComparison.Ordinal);
        Assert.Contains("No urban community", errors["updates[2].community"][0], StringComparison.Ordinal);
        Assert.Equal(before, await store.FingerprintAsync());
    }

    [Fact]
    public async Task Submit_StageChangeNotAllowed_WritesNothing()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 2022, 4, 1)), SubmitterScope.ForLocality(Wuhan), s_received, TestContext.Current.CancellationToken);
        var before = await store.FingerprintAsync();

        // Act
        var outcome = await store.Writer.SubmitAsync(
            Monthly(Wuhan, Update(Taining, Stage.InProgress, 2022, 5, 1, (1, 1)), Update(Baocheng, Stage.NotStarted, 2022, 5, 2)),
            SubmitterScope.ForLocality(Wuhan), s_received, TestContext.Current.CancellationToken);

        // Assert
        Assert.False(outcome.IsStored);
        Assert.Equal(["updates[1].stage"], outcome.Errors.ToDictionary().Keys);
        Assert.Equal(before, await store.FingerprintAsync());
    }

    [Fact]
    public async Task Submit_AcceptedWithoutAllCriteria_IsRefusedWithTheUnmetOnes()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        var almost = AllCriteria();
        almost[12] = 0.25;
        await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 2022, 4, 1, almost.Select(kv => (kv.Key, kv.Value)).ToArray())),
            SubmitterScope.ForLocality(Wuhan), s_received, TestContext.Current.CancellationToken);

        // Act
        var refused = await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.Accepted, 2022, 5, 1)), SubmitterScope.Province, s_received, TestContext.Current.CancellationToken);
        var accepted = await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.Accepted, 2022, 5, 1, (12, 0.31))), SubmitterScope.Province, s_received, TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains("12", Assert.Single(refused.Errors.ToDictionary()["updates[0].stage"]), StringComparison.Ordinal);
        Assert.True(accepted.IsStored);
    }

    [Fact]
    public async Task Submit_AcceptedByLocality_IsRefused()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 2022, 4, 1, AllCriteria().Select(kv => (kv.Key, kv.Value)).ToArray())),
            SubmitterScope.ForLocality(Wuhan), s_received, TestContext.Current.CancellationToken);
        var before = await store.FingerprintAsync();

        // Act
        var outcome = await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.Accepted, 2022, 5, 1)), SubmitterScope.ForLocality(Wuhan), s_received, TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains("updates[0].stage", outcome.Errors.ToDictionary().Keys);
        Assert.Equal(before, await store.FingerprintAsync());
    }

    [Fact]
    public async Task Submit_SameCommunityTwice_IsRefusedAtTheLaterOneAndWritesNothing()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        var before = await store.FingerprintAsync();
        var report = Monthly(Wuhan,
            Update(Baocheng, Stage.Pilot, 2022, 5, 1),
            Update(Taining, Stage.InProgress, 2022, 5, 1),
            Update(Baocheng, Stage.InProgress, 2022, 5, 10));

        // Act
        var outcome = await store.Writer.SubmitAsync(report, SubmitterScope.ForLocality(Wuhan), s_received, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(ReportOutcomeKind.Rejected, outcome.Kind);
        var problem = Assert.Single(outcome.Errors.Problems);
        Assert.Equal(("updates[2].community", ReportProblemCodes.RepeatedCommunity, 0), (problem.Path, problem.Code, (int)problem.Arguments[1]));
        Assert.Equal(before, await store.FingerprintAsync());
    }

    [Fact]
    public async Task Submit_EveryCommunityOfALocality_StoresEachUpdateAndTheirPresent()
    {
        // Arrange: one report over all of Wuhan's communities, half of them with two criteria.
        await using var store = await TestStore.CreateAsync();
        await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 2022, 5, 12, (1, 0))), SubmitterScope.ForLocality(Wuhan), s_received, TestContext.Current.CancellationToken);
        await using var connection = await store.Database.OpenAsync(TestContext.Current.CancellationToken);
        var codes = (await connection.QueryAsync<string>("SELECT code FROM communities WHERE locality_code = @Wuhan ORDER BY code", new { Wuhan })).AsList();
        var updates = codes.Select((code, i) => i % 2 == 0
            ? Update(code, Stage.Pilot, 2022, 5, 10, (1, 1), (12, 0.5))
            : Update(code, null, 2022, 5, 10, (3, 1))).ToArray();

        // Act
        var outcome = await store.Writer.SubmitAsync(Monthly(Wuhan, updates), SubmitterScope.ForLocality(Wuhan), s_received, TestContext.Current.CancellationToken);

        // Assert
        Assert.True(outcome.IsStored);
        Assert.Equal(codes.Count, outcome.Stored!.Applied);
        var pilots = (codes.Count + 1) / 2;
        Assert.Equal(1L + pilots, await store.CountAsync("stage_events"));
        Assert.Equal(1L + (pilots * 2) + (codes.Count - pilots), await store.CountAsync("criterion_assessments"));
        // Baocheng's later stage (05-12) stays the present; its older criterion 1 value does not replace the newer one.
        var baochengIndex = codes.IndexOf(Baocheng);
        Assert.Equal(pilots - (baochengIndex % 2 == 0 ? 1 : 0), await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM community_state WHERE stage = 1 AND pilot = 1 AND effective = '2022-05-10'"));
        Assert.Equal(baochengIndex % 2 == 0 ? (2L, 1L) : (2L, 0L), await connection.QuerySingleAsync<(long, long)>(
            "SELECT s.stage, s.pilot FROM community_state s WHERE s.community_code = @Baocheng", new { Baocheng }));
        Assert.Equal(0.0, await connection.ExecuteScalarAsync<double>("SELECT value FROM community_criteria WHERE community_code = @Baocheng AND criterion = 1", new { Baocheng }));
        Assert.Equal(codes.Count - pilots, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM community_criteria WHERE criterion = 3 AND value = 1.0 AND met = 1"));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM community_state s LEFT JOIN stage_events e ON e.id = s.event_id WHERE s.stage <> 0 AND (e.stage IS DISTINCT FROM s.stage OR e.effective IS DISTINCT FROM s.effective)"));
    }

    [Fact]
    public async Task Submit_SameEffectiveDay_LaterReceiptWins()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 2022, 5, 10)), SubmitterScope.ForLocality(Wuhan), s_received, TestContext.Current.CancellationToken);

        // Act
        await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.Pilot, 2022, 5, 10)), SubmitterScope.ForLocality(Wuhan), s_received.AddHours(1), TestContext.Current.CancellationToken);

        // Assert
        var province = await store.Progress.GetProvinceAsync(new DateOnly(2022, 5, 10), TestContext.Current.CancellationToken);
        var now = await store.Progress.GetProvinceAsync(null, TestContext.Current.CancellationToken);
        Assert.Equal(1, province.Figures.Pilot);
        Assert.Equal(0, province.Figures.InProgress);
        Assert.Equal(province.Figures, now.Figures);
    }

    [Fact]
    public async Task Submit_LateReportEffectiveEarlier_CountsFromItsEffectiveDayAndKeepsTheNewerPresent()
    {
        // Arrange: in progress from 05-10, then a late report says it was a pilot from 04-15.
        await using var store = await TestStore.CreateAsync();
        await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 2022, 5, 10)), SubmitterScope.ForLocality(Wuhan), s_received, TestContext.Current.CancellationToken);

        // Act
        var outcome = await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.Pilot, 2022, 4, 15)), SubmitterScope.ForLocality(Wuhan), s_received.AddDays(7), TestContext.Current.CancellationToken);

        // Assert
        Assert.False(outcome.Stored!.OnTime);
        var april = await store.Progress.GetProvinceAsync(new DateOnly(2022, 4, 30), TestContext.Current.CancellationToken);
        var now = await store.Progress.GetProvinceAsync(null, TestContext.Current.CancellationToken);
        Assert.Equal((1, 0, 1), (april.Figures.Pilot, april.Figures.InProgress, april.Figures.PilotsEver));
        Assert.Equal((0, 1, 1), (now.Figures.Pilot, now.Figures.InProgress, now.Figures.PilotsEver));
    }

    [Fact]
    public async Task Submit_ValidReport_StoresItsDaysAndInstantsAsIsoText()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        var report = Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 2022, 5, 10, (1, 1)));
        var receipt = new ReportReceipt(SubmitterScope.ForLocality(Wuhan), s_received, Idempotency: new IdempotencyClaim("token:1", "k1", "h1"), AuditActor: "token:1");

        // Act
        var outcome = await store.Writer.SubmitAsync(report, receipt, TestContext.Current.CancellationToken);
        var read = await new ReportQueries(store.Database).GetAsync(outcome.Stored!.ReportId, TestContext.Current.CancellationToken);

        // Assert: the text every existing database holds (instants in UTC but the deadline, which keeps China's offset).
        await using var connection = await store.Database.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT r.received_at || '|' || r.deadline || '|' || e.effective || '|' || a.effective || '|' || c.effective || '|' || s.effective
                   || '|' || k.created_at || '|' || l.at
              FROM reports r, stage_events e, criterion_assessments a, community_criteria c, community_state s, idempotency_keys k, audit_log l
             WHERE s.community_code = e.community_code
            """;
        Assert.Equal("2022-05-20T02:00:00.000+00:00|2022-05-25T23:59:59.000+08:00|2022-05-10|2022-05-10|2022-05-10|2022-05-10"
            + "|2022-05-20T10:00:00.000+08:00|2022-05-20T02:00:00.000+00:00", (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        Assert.Equal((s_received, outcome.Stored.Deadline), (read!.Report.ReceivedAt, read.Report.Deadline));
        Assert.Equal(TimeSpan.FromHours(8), read.Report.Deadline.Offset);
    }

    [Theory]
    [InlineData("UPDATE stage_events SET stage = 3")]
    [InlineData("DELETE FROM stage_events")]
    [InlineData("UPDATE reports SET on_time = 1")]
    [InlineData("DELETE FROM criterion_assessments")]
    public async Task History_RewriteAttempt_IsRefusedByTheDatabase(string sql)
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 2022, 5, 10, (1, 1))), SubmitterScope.ForLocality(Wuhan), s_received, TestContext.Current.CancellationToken);
        await using var connection = await store.Database.OpenAsync(TestContext.Current.CancellationToken);

        // Act
        var error = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(sql));

        // Assert
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<int, double> AllCriteria() => Enumerable.Range(1, 16).ToDictionary(n => n, n => n == 12 ? 0.5 : 1.0);

    private static CommunityUpdate Update(string community, Stage? stage, int year, int month, int day, params (int Number, double Value)[] criteria) =>
        new(community, stage, new DateOnly(year, month, day), criteria.ToDictionary(c => c.Number, c => c.Value));

    private static ReportSubmission Monthly(string locality, params CommunityUpdate[] updates) =>
        new(locality, ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), "武汉市住房和城乡建设局", null, updates);
}
