using Dapper;
using GreenCommunity.Data.Communities;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Communities;

/// <summary>
/// Hubei's communities with a few known presents, written through the report writer, and three made-up communities
/// whose names hold LIKE's own characters and a formula's sign. Today is 2026-11-30.
/// </summary>
public sealed class CommunityListStore : IAsyncLifetime
{
    public const string Wuhan = "420100";
    public const string Jiangan = "420102";                 // 江岸区
    public const string Jianghan = "420103";                // 江汉区
    public const string Dazhi = "420102002";                // 大智街道, 江岸区
    public const string Baocheng = "420102002003";          // 保成社区: pilot 2022-04, accepted 2022-12 with all 16 met
    public const string Taining = "420102002004";           // 泰宁社区: in progress 2022-05, criteria 1 met and 12 at 20%
    public const string Wannian = "420103001002";           // 万年社区居委会: in progress 2026-10, criterion 3 met, 12 at 35%
    public const string Tujia = "420103001004";             // 涂家社区居委会: a pilot 2022-03, still a pilot
    public const string YichangCommunity = "420502001001";  // 土街头社区, 宜昌市: in progress 2022-06
    public const string Percent = "420102002901";           // 百分%社区 (made up)
    public const string Underscore = "420102002902";        // 下划_线社区 (made up)
    public const string Formula = "420102002903";           // =1+2社区 (made up)

    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(8));

    public TestStore Store { get; private set; } = null!;

    public CommunityListQuery Query { get; private set; } = null!;

    public string TainingReportId { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Store = await TestStore.CreateAsync(clock: new FixedClock(Now));
        Query = new CommunityListQuery(Store.Database, new PresentDay(new FixedClock(Now)));
        await using (var connection = await Store.Database.OpenAsync(ct))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO communities (code, name, county_code, locality_code, town_code, town_name) VALUES
                    ('420102002901', '百分%社区', '420102', '420100', '420102002', '大智街道'),
                    ('420102002902', '下划_线社区', '420102', '420100', '420102002', '大智街道'),
                    ('420102002903', '=1+2社区', '420102', '420100', '420102002', '大智街道');
                INSERT INTO community_state (community_code) VALUES ('420102002901'), ('420102002902'), ('420102002903');
                """);
        }
        var all = Enumerable.Range(1, 16).ToDictionary(n => n, n => n == 12 ? 0.5 : 1.0);
        await SubmitAsync(Wuhan, 2022, 4, false, new CommunityUpdate(Baocheng, Stage.Pilot, new DateOnly(2022, 4, 1), all), new CommunityUpdate(Tujia, Stage.Pilot, new DateOnly(2022, 3, 1), Criteria()));
        TainingReportId = await SubmitAsync(Wuhan, 2022, 5, false, new CommunityUpdate(Taining, Stage.InProgress, new DateOnly(2022, 5, 10), Criteria((1, 1), (12, 0.2))));
        await SubmitAsync("420500", 2022, 6, false, new CommunityUpdate(YichangCommunity, Stage.InProgress, new DateOnly(2022, 6, 1), Criteria()));
        await SubmitAsync(Wuhan, 2022, 12, true, new CommunityUpdate(Baocheng, Stage.Accepted, new DateOnly(2022, 12, 20), Criteria()));
        await SubmitAsync(Wuhan, 2026, 10, false, new CommunityUpdate(Wannian, Stage.InProgress, new DateOnly(2026, 10, 10), Criteria((3, 1), (12, 0.35))));
    }

    public static IReadOnlyDictionary<int, double> Criteria(params (int Number, double Value)[] values) => values.ToDictionary(v => v.Number, v => v.Value);

    private async Task<string> SubmitAsync(string locality, int year, int month, bool province, params CommunityUpdate[] updates)
    {
        var received = new DateTimeOffset(year, month, 24, 10, 0, 0, TimeSpan.FromHours(8));
        var report = new ReportSubmission(locality, ReportKind.Monthly, ReportPeriod.OfMonth(year, month), "住房和城乡建设局", null, updates);
        var outcome = await Store.Writer.SubmitAsync(report, province ? SubmitterScope.Province : SubmitterScope.ForLocality(locality), received, TestContext.Current.CancellationToken);
        Assert.True(outcome.IsStored, string.Join("; ", outcome.Errors.ToDictionary().SelectMany(e => e.Value)));
        return outcome.Stored!.ReportId;
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
