using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Domain.Tests;

/// <summary>
/// The exact text of a report's JSON is a contract: it is stored as reports.body and the idempotency key's request hash
/// is computed over it, so the same report must always give the same bytes.
/// </summary>
public sealed class ReportJsonTests
{
    [Fact]
    public void Serialize_MonthlyReport_IsExactlyTheApiText()
    {
        // Arrange: Chinese text, characters that need escaping, criteria out of order, a share, out-of-range numbers,
        // an update without a stage and one without criteria.
        var report = new ReportSubmission("420100", ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), "武汉市住房和城乡建设局",
            "进展\"良好\" \\ <b>&amp;</b> 'x' + é\t\n\u2028🌱",
            [
                new CommunityUpdate("420102002003", Stage.InProgress, new DateOnly(2022, 5, 20),
                    new Dictionary<int, double> { [12] = 0.45, [3] = 1, [1] = 0, [16] = 0.5, [17] = 1, [0] = 0 }),
                new CommunityUpdate("420102002004", null, new DateOnly(2022, 5, 1), new Dictionary<int, double> { [12] = 1, [2] = 1 }),
                new CommunityUpdate("420102002005", Stage.NotStarted, new DateOnly(2021, 12, 31), new Dictionary<int, double>()),
                new CommunityUpdate("420102002006", Stage.Pilot, new DateOnly(2022, 1, 2), new Dictionary<int, double> { [12] = 0.1 + 0.2 }),
                new CommunityUpdate("420102002007", Stage.Accepted, new DateOnly(2022, 5, 25), new Dictionary<int, double> { [12] = 0 }),
            ]);

        // Act
        var json = ReportJson.Serialize(report);

        // Assert
        Assert.Equal(
            """{"locality":"420100","kind":"monthly","period":"2022-05","submittedBy":"武汉市住房和城乡建设局","narrative":"进展\"良好\" \\ <b>&amp;</b> 'x' + é\t\n\u2028\uD83C\uDF31","updates":[{"community":"420102002003","stage":"in_progress","effective":"2022-05-20","criteria":{"0":false,"1":false,"3":true,"12":0.45,"16":false,"17":true}},{"community":"420102002004","effective":"2022-05-01","criteria":{"2":true,"12":1}},{"community":"420102002005","stage":"not_started","effective":"2021-12-31"},{"community":"420102002006","stage":"pilot","effective":"2022-01-02","criteria":{"12":0.30000000000000004}},{"community":"420102002007","stage":"accepted","effective":"2022-05-25","criteria":{"12":0}}]}""",
            json);
    }

    [Theory]
    [InlineData(ReportKind.Annual, "2022")]
    [InlineData(ReportKind.Plan, "2021")]
    public void Serialize_YearlyReportWithoutNarrative_OmitsTheNarrative(ReportKind kind, string period)
    {
        // Arrange
        var report = new ReportSubmission("420500", kind, ReportPeriod.OfYear(int.Parse(period, System.Globalization.CultureInfo.InvariantCulture)), "宜昌市", null, []);

        // Act
        var json = ReportJson.Serialize(report);

        // Assert
        Assert.Equal($$"""{"locality":"420500","kind":"{{kind.ToString().ToLowerInvariant()}}","period":"{{period}}","submittedBy":"宜昌市","updates":[]}""", json);
    }
}
