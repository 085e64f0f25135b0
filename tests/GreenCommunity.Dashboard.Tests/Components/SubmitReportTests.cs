using Bunit;
using GreenCommunity.Dashboard.Components.Controls.Submit;
using GreenCommunity.Dashboard.Components.Pages;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Communities;
using GreenCommunity.Domain.Communities;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Components;

public sealed class SubmitReportTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public void Render_Viewer_OffersNoForm()
    {
        // Arrange
        SignInAs("leader", "viewer");

        // Act
        var cut = Render<SubmitReport>();

        // Assert
        Assert.NotNull(cut.Find("[data-testid='no-permission']"));
        Assert.Empty(cut.FindAll("[data-testid='submit']"));
    }

    [Fact]
    public void Render_Coordinator_FixesTheLocalityAndDoesNotOfferAcceptance()
    {
        // Act
        var cut = SignedIn("420500");

        // Assert
        Assert.Contains("宜昌市", cut.Find("[data-testid='submitting-as']").TextContent, StringComparison.Ordinal);
        Assert.False(cut.FindComponent<UpdateRowEditor>().Instance.MayAccept);
        Assert.Equal("420500", cut.FindComponent<UpdateRowEditor>().Instance.Locality);
    }

    [Fact]
    public async Task Submit_CoordinatorForgingAnotherLocality_IsRefusedWritesNothingAndIsAudited()
    {
        // Arrange: the locality field is disabled for a coordinator; a crafted event changes it anyway.
        var yichang = (await Factory.TakeNotStartedAsync("420500", 1))[0];
        var community = (await Factory.Services.GetRequiredService<CommunityQueries>().SearchAsync("420500", yichang, 1, Ct))[0];
        var cut = SignedIn("420100");
        await cut.InvokeAsync(() => cut.FindComponent<MudBlazor.MudSelect<string>>().Instance.ValueChanged.InvokeAsync("420500"));
        var row = cut.FindComponent<UpdateRowEditor>().Instance.Row;
        row.Community = community;
        row.Stage = Stage.InProgress;
        var before = await Factory.FingerprintAsync();

        // Act
        cut.Find("[data-testid='submit']").Click();

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("420100", cut.Find("[data-testid='outcome']").TextContent, StringComparison.Ordinal));
        Assert.Contains("只能报送 420100 的数据，不能报送 420500", cut.Find("[data-testid='outcome']").TextContent, StringComparison.Ordinal);   // the code's Chinese text
        Assert.Empty(cut.FindAll("[data-testid='receipt']"));
        Assert.Equal(before, await Factory.FingerprintAsync());
        Assert.Equal(1L, await Factory.ScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_log WHERE actor = 'user:wuhan' AND action = 'report.submit' AND outcome = 'refused' AND target = '420500'"));
    }

    [Fact]
    public async Task Check_EmptyCommunity_ShowsTheErrorInlineAndSendsNothing()
    {
        // Arrange
        var cut = SignedIn("420100");
        var before = await Factory.FingerprintAsync();

        // Act
        cut.Find("[data-testid='check']").Click();

        // Assert
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='error-list'] li[data-path='updates[0].community']")));
        cut.Find("[data-testid='submit']").Click();
        Assert.Empty(cut.FindAll("[data-testid='receipt']"));
        Assert.Equal(before, await Factory.FingerprintAsync());
    }

    [Fact]
    public async Task Submit_CommunityStarted_ShowsTheReceiptAndTheStoreHasIt()
    {
        // Arrange
        var code = (await Factory.TakeNotStartedAsync("420100", 1))[0];
        var community = (await Factory.Services.GetRequiredService<CommunityQueries>().SearchAsync("420100", code, 1, Ct))[0];
        var cut = SignedIn("420100");
        var row = cut.FindComponent<UpdateRowEditor>().Instance.Row;
        row.Community = community;   // as picked from the autocomplete
        row.Stage = Stage.InProgress;

        // Act
        cut.Find("[data-testid='submit']").Click();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid='receipt-applied']").TextContent));
        Assert.Equal(2L, await Factory.ScalarAsync<long>("SELECT stage FROM community_state WHERE community_code = @code", new { code }));
    }

    [Fact]
    public async Task Upload_FilledTemplate_GoesThroughTheIntake()
    {
        // Arrange
        var codes = await Factory.TakeNotStartedAsync("420100", 2);
        var today = ReportBodies.Day(ReportBodies.Today);
        var file = Workbook(codes.Select(c => (c, "试点", today)).ToArray());
        var cut = SignedIn("420100");
        OpenExcelTab(cut);

        // Act
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file, "武汉.xlsx"));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid='receipt-applied']").TextContent));
        Assert.Equal(2L, await Factory.ScalarAsync<long>("SELECT COUNT(*) FROM community_state WHERE community_code IN @codes AND stage = 1", new { codes }));
    }

    [Fact]
    public async Task Upload_OneBadRow_ReportsItsRowAndWritesNothing()
    {
        // Arrange
        var codes = await Factory.TakeNotStartedAsync("420100", 2);
        var yichang = (await Factory.TakeNotStartedAsync("420500", 1))[0];
        var today = ReportBodies.Day(ReportBodies.Today);
        var file = Workbook((codes[0], "试点", today), (yichang, "试点", today), (codes[1], "创建中", today));
        var cut = SignedIn("420100");
        OpenExcelTab(cut);
        var before = await Factory.FingerprintAsync();

        // Act
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file, "武汉.xlsx"));

        // Assert: row 3 holds the other locality's community.
        cut.WaitForAssertion(() => Assert.Contains("第3行", cut.Find("[data-testid='outcome'] li[data-path='rows[3].community']").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid='receipt']"));
        Assert.Equal(before, await Factory.FingerprintAsync());
    }

    [Fact]
    public void Render_NarrativeField_StatesTheApisLimitAndKeepsIt()
    {
        // Act
        var cut = SignedIn("420100");

        // Assert: the browser stops at the API's limit, and the page says what it is.
        var field = cut.Find("textarea");
        Assert.Equal(ReportRequestParser.MaxNarrativeLength.ToString(System.Globalization.CultureInfo.InvariantCulture), field.GetAttribute("maxlength"));
        Assert.Contains($"最多 {ReportRequestParser.MaxNarrativeLength} 个字符", field.Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_NarrativeOverTheLimit_IsRefusedOnThePageAndWritesNothing()
    {
        // Arrange: a crafted event gives the field more than the textarea lets a person type.
        var wuhan = (await Factory.TakeNotStartedAsync("420100", 1))[0];
        var community = (await Factory.Services.GetRequiredService<CommunityQueries>().SearchAsync("420100", wuhan, 1, Ct))[0];
        var cut = SignedIn("420100");
        var row = cut.FindComponent<UpdateRowEditor>().Instance.Row;
        row.Community = community;
        row.Stage = Stage.InProgress;
        await cut.InvokeAsync(() => cut.Find("textarea").Change(new string('社', ReportRequestParser.MaxNarrativeLength + 1)));
        var before = await Factory.FingerprintAsync();

        // Act
        cut.Find("[data-testid='submit']").Click();

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("narrative", cut.Find("[data-testid='error-list']").InnerHtml, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid='receipt']"));
        Assert.Equal(before, await Factory.FingerprintAsync());
    }

    private IRenderedComponent<SubmitReport> SignedIn(string locality)
    {
        SignInAs(locality == "420100" ? "wuhan" : "yichang", "coordinator", locality);
        var cut = Render<SubmitReport>();
        cut.WaitForElement("[data-testid='submitting-as']");
        return cut;
    }

    private static void OpenExcelTab(IRenderedComponent<SubmitReport> cut)
    {
        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Excel", StringComparison.OrdinalIgnoreCase)).Click();
        cut.WaitForElement("[data-testid='download-template']");
    }

    private static byte[] Workbook(params (string Code, string Stage, string Effective)[] rows)
    {
        var sheet = rows.Select(r =>
        {
            var row = new Dictionary<string, object?>
            {
                [ReportWorkbook.CodeColumn] = r.Code,
                [ReportWorkbook.NameColumn] = "",
                [ReportWorkbook.StageColumn] = r.Stage,
                [ReportWorkbook.EffectiveColumn] = r.Effective,
            };
            for (var n = 1; n <= 16; n++)
            {
                row[ReportWorkbook.CriterionColumn(n)] = null;
            }
            return row;
        }).ToList();
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, new Dictionary<string, object> { [ReportWorkbook.UpdatesSheet] = sheet });
        return stream.ToArray();
    }
}
