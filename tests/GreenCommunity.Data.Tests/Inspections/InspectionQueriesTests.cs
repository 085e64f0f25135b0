using Dapper;
using GreenCommunity.Data.Inspections;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Inspections;

namespace GreenCommunity.Data.Tests.Inspections;

public sealed class InspectionQueriesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly s_today = new(2026, 11, 30);

    private TestStore _store = null!;
    private InspectionQueries _queries = null!;
    private string[] _wuhan = [];
    private string _yichang = "";

    public async ValueTask InitializeAsync()
    {
        _store = await TestStore.CreateAsync(clock: new FixedClock(s_now));
        _queries = new InspectionQueries(_store.Database, new PresentDay(new FixedClock(s_now)));
        await using var connection = await _store.Database.OpenAsync(CancellationToken.None);
        _wuhan = [.. await connection.QueryAsync<string>("SELECT code FROM communities WHERE locality_code = '420100' ORDER BY code LIMIT 3")];
        _yichang = await connection.QuerySingleAsync<string>("SELECT code FROM communities WHERE locality_code = '420500' ORDER BY code LIMIT 1");
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private async Task RecordAsync(string id, string community, string locality, DateOnly date, DateOnly? rectifyBy, params (int Criterion, bool Met, string? Note)[] findings)
    {
        await using var connection = await _store.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await _store.Database.BeginWriteAsync(connection, CancellationToken.None);
        await InspectionCommands.RecordAsync(connection, transaction, id, new InspectionVisit(community, date, "省住建厅", [.. findings.Select(f => new InspectionFinding(f.Criterion, f.Met, f.Note))], rectifyBy), locality,
            s_now, "user:admin", CancellationToken.None);
        await transaction.CommitAsync();
    }

    private async Task AnswerAsync(string id, params FindingAnswer[] answers)
    {
        await using var connection = await _store.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await _store.Database.BeginWriteAsync(connection, CancellationToken.None);
        var found = await InspectionCommands.FindAsync(connection, transaction, id, CancellationToken.None);
        await InspectionCommands.AnswerAsync(connection, transaction, found!.Id, answers, s_now, "user:wuhan", CancellationToken.None);
        await transaction.CommitAsync();
    }

    private async Task AcceptAsync(string community)
    {
        await using var connection = await _store.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("UPDATE community_state SET stage = 3 WHERE community_code = @community", new { community });
    }

    [Fact]
    public async Task List_OpenOnly_DropsAnInspectionOnceItsFindingIsRectified()
    {
        // Arrange
        await RecordAsync("a", _wuhan[0], "420100", new DateOnly(2026, 11, 10), new DateOnly(2026, 12, 10), (12, false, "物业"), (3, true, null));
        await RecordAsync("b", _wuhan[1], "420100", new DateOnly(2026, 11, 12), null, (1, true, null));
        var ct = TestContext.Current.CancellationToken;

        // Act
        var openBefore = await _queries.ListAsync(new InspectionFilter(OpenOnly: true), ct);
        await AnswerAsync("a", new FindingAnswer(12, "已整改", new DateOnly(2026, 11, 20)));
        var openAfter = await _queries.ListAsync(new InspectionFilter(OpenOnly: true), ct);
        var all = await _queries.ListAsync(new InspectionFilter(), ct);

        // Assert
        Assert.Equal(["a"], openBefore.Select(i => i.InspectionId));
        Assert.Empty(openAfter);
        Assert.Equal(["b", "a"], all.Select(i => i.InspectionId));   // latest visit first
        var answered = all[1].Findings.Single(f => f.Criterion == 12);
        Assert.Equal((new DateOnly(2026, 11, 20), "已整改", "user:wuhan"), (answered.RectifiedOn!.Value, answered.RectificationNote, answered.AnsweredBy));
        Assert.False(answered.Open);
    }

    [Fact]
    public async Task List_ByLocalityAndCommunity_OnlyTheirs()
    {
        // Arrange
        await RecordAsync("w", _wuhan[0], "420100", new DateOnly(2026, 11, 10), new DateOnly(2026, 12, 10), (12, false, null));
        await RecordAsync("y", _yichang, "420500", new DateOnly(2026, 11, 11), new DateOnly(2026, 12, 10), (12, false, null));
        var ct = TestContext.Current.CancellationToken;

        // Act
        var wuhan = await _queries.ListAsync(new InspectionFilter(Region: "420100"), ct);
        var community = await _queries.ListAsync(new InspectionFilter(Community: _yichang), ct);

        // Assert
        Assert.Equal(["w"], wuhan.Select(i => i.InspectionId));
        Assert.Equal(["y"], community.Select(i => i.InspectionId));
        Assert.Equal("420500", community[0].Locality);
    }

    [Fact]
    public async Task List_PastRectifyBy_OverdueByDaysInChinaWhileOpen()
    {
        // Arrange: due yesterday, due today, due yesterday but rectified
        await RecordAsync("late", _wuhan[0], "420100", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 29), (12, false, null));
        await RecordAsync("today", _wuhan[1], "420100", new DateOnly(2026, 11, 1), s_today, (12, false, null));
        await RecordAsync("done", _wuhan[2], "420100", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2), (12, false, null));
        await AnswerAsync("done", new FindingAnswer(12, null, new DateOnly(2026, 11, 25)));

        // Act
        var list = (await _queries.ListAsync(new InspectionFilter(), TestContext.Current.CancellationToken)).ToDictionary(i => i.InspectionId);

        // Assert
        Assert.Equal((true, 1), (list["late"].Overdue, list["late"].DaysOverdue));
        Assert.Equal((false, 0), (list["today"].Overdue, list["today"].DaysOverdue));
        Assert.Equal((false, 0), (list["done"].Overdue, list["done"].DaysOverdue));
    }

    [Fact]
    public async Task Discrepancies_OpenFindingOnAnAcceptedCommunity_UntilRectified()
    {
        // Arrange: an accepted community with an open finding on 12 and a met one on 3; a not-started one with an open finding
        await AcceptAsync(_wuhan[0]);
        await RecordAsync("acc", _wuhan[0], "420100", new DateOnly(2026, 11, 10), new DateOnly(2026, 12, 10), (12, false, null), (3, true, null));
        await RecordAsync("new", _wuhan[1], "420100", new DateOnly(2026, 11, 10), new DateOnly(2026, 12, 10), (12, false, null));
        var ct = TestContext.Current.CancellationToken;

        // Act
        var before = await _queries.DiscrepanciesAsync("420100", null, ct);
        var onCriterion3 = await _queries.DiscrepanciesAsync("420100", 3, ct);
        var elsewhere = await _queries.DiscrepanciesAsync("420500", null, ct);
        var countBefore = await _queries.DiscrepancyCountAsync(null, ct);
        var countElsewhere = await _queries.DiscrepancyCountAsync("420500", ct);
        var listed = await _queries.ListAsync(new InspectionFilter(DiscrepancyOnly: true), ct);
        await AnswerAsync("acc", new FindingAnswer(12, null, new DateOnly(2026, 11, 20)));
        var after = await _queries.DiscrepanciesAsync(null, null, ct);
        var countAfter = await _queries.DiscrepancyCountAsync("420100", ct);

        // Assert
        var discrepancy = Assert.Single(before);
        Assert.Equal((_wuhan[0], 12, "acc"), (discrepancy.Community, discrepancy.Criterion, discrepancy.InspectionId));
        Assert.Empty(onCriterion3);
        Assert.Empty(elsewhere);
        Assert.Equal(1, countBefore);
        Assert.Equal(0, countElsewhere);
        Assert.Equal(["acc"], listed.Select(i => i.InspectionId));
        Assert.True(listed[0].Discrepancy);
        Assert.Equal(Stage.Accepted, listed[0].Stage);
        Assert.Empty(after);
        Assert.Equal(0, countAfter);
    }

    [Fact]
    public async Task Get_UnknownId_IsNull()
    {
        // Act
        var missing = await _queries.GetAsync("none", TestContext.Current.CancellationToken);

        // Assert
        Assert.Null(missing);
    }
}
