using GreenCommunity.Dashboard.Communities;
using GreenCommunity.Data.Communities;
using GreenCommunity.Domain.Communities;
using MiniExcelLibs;

namespace GreenCommunity.Dashboard.Tests.Exports;

public sealed class CommunityListWorkbookTests
{
    [Fact]
    public void Create_LastReport_ShowsThePeriodAsOnScreenAndTheIdInItsOwnColumn()
    {
        // Arrange
        const string reportId = "0123456789abcdef0123456789abcdef";
        var row = new CommunityListRow("420102002003", "保成社区", "420102", "江岸区", "420102002", "大智街道", "420100",
            Stage.InProgress, false, new DateOnly(2022, 10, 1), 12,
            new LastReportRef(reportId, "2022-10", new DateTimeOffset(2022, 10, 31, 2, 0, 0, TimeSpan.Zero)));

        // Act
        var bytes = CommunityListWorkbook.Create("武汉市", new DateOnly(2026, 11, 30), "无", [row]);

        // Assert
        var rows = new MemoryStream(bytes).Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        var headers = rows[1].Values.ToList();
        var period = headers.IndexOf("最近报告");
        var id = headers.IndexOf("最近报告编号");
        Assert.True(period >= 0 && id >= 0, string.Join("|", headers));
        var cells = rows[2].Values.ToList();
        Assert.Equal("2022-10", cells[period]);
        Assert.Equal(reportId, cells[id]);
    }
}
