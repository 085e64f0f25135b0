using System.Globalization;
using System.Net;
using GreenCommunity.Dashboard.Compliance;
using GreenCommunity.Dashboard.Exports;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Domain.Reporting;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace GreenCommunity.Dashboard.Tests.Compliance;

public sealed class ComplianceExportTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_PastDay_ReadsBackCellByCellAsTheGrid()
    {
        // Arrange
        using var client = await factory.SignedInClientAsync("leader", culture: "en");   // the file is Chinese whatever the page's language
        var day = new DateOnly(2022, 6, 30);
        var board = (await factory.Services.GetRequiredService<ComplianceBoards>().GetAsync(day, Ct)).Board;

        // Act
        var response = await client.GetAsync("/compliance.xlsx?asOf=2022-06-30", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TableWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["报送情况"], new MemoryStream(bytes).GetSheetNames());
        var rows = new MemoryStream(bytes).Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToList()).ToList();
        Assert.Equal("湖北省 绿色社区创建报送情况 · 截至2022-06-30", rows[0][0]);
        var headers = rows[1];
        Assert.Equal(["地区代码", "地区", "2022-06月报", "2022-05月报"], headers.Take(4));
        Assert.Equal(["2022年度报告", "2021年度报告", "实施方案"], headers.TakeLast(3));
        Assert.Equal(2 + 13 + 2 + 1, headers.Count);   // June 2021 to June 2022, two annual reports, the plan
        Assert.Equal(19, rows.Count);                  // title, headers, 17 localities
        foreach (var row in rows.Skip(2))
        {
            var locality = board.For((string)row[0]!)!;
            for (var column = 2; column < headers.Count; column++)
            {
                var duty = board.Duties.Single(d => Header(d) == (string)headers[column]!);
                Assert.Equal(Expected(locality[duty]), row[column]);
            }
        }
        Assert.Contains(rows.Skip(2), r => (string?)r[1] == "武汉市");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-day")]
    [InlineData("9999-99-99")]
    [InlineData("2999-01-01")]
    [InlineData("1900-01-01")]
    public async Task Export_AnyAsOf_IsAFileNeverAServerError(string asOf)
    {
        // Arrange
        using var client = await factory.SignedInClientAsync("wuhan");

        // Act
        var response = await client.GetAsync($"/compliance.xlsx?asOf={Uri.EscapeDataString(asOf)}", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TableWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Export_Anonymous_GoesToTheSignInPage()
    {
        // Arrange
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Act
        var response = await client.GetAsync("/compliance.xlsx", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    // Written out here rather than taken from the app's texts: the file's words are part of what is tested.
    private static string Header(ReportDuty duty) => duty.Kind switch
    {
        Domain.Campaigns.ReportKind.Monthly => $"{duty.Period}月报",
        Domain.Campaigns.ReportKind.Annual => $"{duty.Period}年度报告",
        _ => "实施方案",
    };

    private static string Expected(DutyStatus status) => status.State switch
    {
        ComplianceState.OnTime => "按时 ✓",
        ComplianceState.Late => string.Create(CultureInfo.InvariantCulture, $"迟报{status.Days}天"),
        ComplianceState.Missing => "未报",
        _ => "未到期",
    };
}
