using Bunit;
using GreenCommunity.Dashboard.Components.Controls.Submit;
using GreenCommunity.Dashboard.Components.Pages;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Communities;
using GreenCommunity.Domain.Communities;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

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
    public async Task Render_Coordinator_FixesTheLocalityAndDoesNotOfferAcceptance()
    {
        // Arrange
        var popovers = Render<MudPopoverProvider>();

        // Act
        var cut = SignedIn("420500");

        // Assert
        Assert.Contains("宜昌市", cut.Find("[data-testid='submitting-as']").TextContent, StringComparison.Ordinal);
        Assert.Equal("420500", cut.FindComponent<UpdateRowEditor>().Instance.Directory.Locality);
        Assert.Equal(["（阶段不变）", "试点", "创建中"], await SubmitPage.StageOptionsAsync(cut, popovers, 0));
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
    public async Task Check_EmptyCommunity_ShowsTheChineseMessageUnderTheRowsFieldNamesTheRowAndSendsNothing()
    {
        // Arrange: a second row, so that the message must be under the right one
        var cut = SignedIn("420100");
        cut.Find("[data-testid='add-update']").Click();
        SubmitPage.TypeCommunity(cut, 0, (await Factory.TakeNotStartedAsync("420100", 1))[0]);
        var before = await Factory.FingerprintAsync();

        // Act
        cut.Find("[data-testid='check']").Click();

        // Assert: under row 2's field, in Chinese; the summary names the row and the field, never the API's path
        cut.WaitForAssertion(() => Assert.Equal("必填。", SubmitPage.FieldMessage(cut, "update-1-community")));
        Assert.True(SubmitPage.FieldShowsError(cut, "update-1-community"));
        Assert.False(SubmitPage.FieldShowsError(cut, "update-0-community"));
        Assert.Equal("第2行 · 社区：必填。", SubmitPage.Summary(cut).QuerySelector("li")!.TextContent);
        Assert.DoesNotContain("updates[", SubmitPage.Visible(cut), StringComparison.Ordinal);
        Assert.DoesNotContain("Required", SubmitPage.Visible(cut), StringComparison.Ordinal);
        cut.Find("[data-testid='submit']").Click();
        Assert.Empty(cut.FindAll("[data-testid='receipt']"));
        Assert.Equal(before, await Factory.FingerprintAsync());
    }

    [Fact]
    public void TypeCommunity_UnknownCode_KeepsTheTextAndSaysNoCommunityHasIt()
    {
        // Arrange
        var cut = SignedIn("420100");

        // Act
        SubmitPage.TypeCommunity(cut, 0, "420102999999");
        cut.Find("[data-testid='check']").Click();

        // Assert: the text stays and the field says why, not "required"
        cut.WaitForAssertion(() => Assert.Equal("没有代码为 420102999999 的城市社区。", SubmitPage.FieldMessage(cut, "update-0-community")));
        Assert.Equal("420102999999", SubmitPage.CommunityText(cut, 0));
        Assert.Equal("第1行 · 社区：没有代码为 420102999999 的城市社区。", SubmitPage.Summary(cut).QuerySelector("li")!.TextContent);
        Assert.DoesNotContain("必填", SubmitPage.Visible(cut), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypeCommunity_AnotherLocalitysCode_KeepsTheTextAndNamesBothLocalitiesAtOnce()
    {
        // Arrange
        var yichang = (await Factory.TakeNotStartedAsync("420500", 1))[0];
        var cut = SignedIn("420100");

        // Act: typed and left, not yet checked
        SubmitPage.TypeCommunity(cut, 0, yichang);

        // Assert
        cut.WaitForAssertion(() => Assert.Equal($"{yichang} 不是武汉市的社区（属于宜昌市）。", SubmitPage.FieldMessage(cut, "update-0-community")));
        Assert.Equal(yichang, SubmitPage.CommunityText(cut, 0));
        cut.Find("[data-testid='check']").Click();
        cut.WaitForAssertion(() => Assert.Equal($"第1行 · 社区：{yichang} 不是武汉市的社区（属于宜昌市）。", SubmitPage.Summary(cut).QuerySelector("li")!.TextContent));
        Assert.Equal(yichang, SubmitPage.CommunityText(cut, 0));
    }

    [Fact]
    public void TypeCommunity_PartOfSomeNames_SaysToPickOnlyWhenChecked()
    {
        // Arrange
        var cut = SignedIn("420100");

        // Act: "社区" is in every name; it names none of them
        SubmitPage.TypeCommunity(cut, 0, "社区");

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("社区", SubmitPage.CommunityText(cut, 0)));
        Assert.False(SubmitPage.FieldShowsError(cut, "update-0-community"));
        cut.Find("[data-testid='check']").Click();
        cut.WaitForAssertion(() => Assert.Equal("“社区”不是武汉市某个社区的完整名称或代码：请从列表中选择。", SubmitPage.FieldMessage(cut, "update-0-community")));
    }

    [Fact]
    public async Task TypeCommunity_ItsCode_PicksItAndShowsItsStage()
    {
        // Arrange
        var code = await SubmitPage.CommunityAtAsync(Factory, "420100", Stage.InProgress);
        var cut = SignedIn("420100");

        // Act
        SubmitPage.TypeCommunity(cut, 0, code);

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("当前阶段：创建中", SubmitPage.FieldMessage(cut, "update-0-community")));
        Assert.Equal(code, cut.FindComponent<UpdateRowEditor>().Instance.Row.Community?.Code);
    }

    [Fact]
    public async Task StageOptions_AcceptedCommunity_OffersNoChangeALocalityCannotMake()
    {
        // Arrange
        var popovers = Render<MudPopoverProvider>();
        var accepted = await SubmitPage.CommunityAtAsync(Factory, "420100", Stage.Accepted);
        var cut = SignedIn("420100");

        // Act
        SubmitPage.TypeCommunity(cut, 0, accepted);
        cut.WaitForAssertion(() => Assert.Equal("当前阶段：已验收", SubmitPage.FieldMessage(cut, "update-0-community")));

        // Assert: a coordinator neither accepts again nor takes an acceptance back (the province's), nor goes back to not started
        Assert.Equal(["（阶段不变：已验收）"], await SubmitPage.StageOptionsAsync(cut, popovers, 0));
    }

    [Fact]
    public async Task StageOptions_InProgressCommunity_OffersOnlyTheAllowedChanges()
    {
        // Arrange
        var popovers = Render<MudPopoverProvider>();
        var inProgress = await SubmitPage.CommunityAtAsync(Factory, "420100", Stage.InProgress);
        var cut = SignedIn("420100");

        // Act
        SubmitPage.TypeCommunity(cut, 0, inProgress);
        cut.WaitForAssertion(() => Assert.Equal("当前阶段：创建中", SubmitPage.FieldMessage(cut, "update-0-community")));

        // Assert: never back to not started; acceptance is the province's
        Assert.Equal(["（阶段不变：创建中）", "试点"], await SubmitPage.StageOptionsAsync(cut, popovers, 0));
    }

    [Fact]
    public async Task Submit_ChangeTheIntakeRefuses_ShowsTheRefusalUnderTheStageAndNamesTheRow()
    {
        // Arrange: an event the list does not offer (back to not started), as a crafted one could send
        var inProgress = await SubmitPage.CommunityAtAsync(Factory, "420100", Stage.InProgress);
        var cut = SignedIn("420100");
        SubmitPage.TypeCommunity(cut, 0, inProgress);
        cut.WaitForAssertion(() => Assert.NotNull(cut.FindComponent<UpdateRowEditor>().Instance.Row.Community));
        cut.FindComponent<UpdateRowEditor>().Instance.Row.Stage = Stage.NotStarted;
        var before = await Factory.FingerprintAsync();

        // Act
        cut.Find("[data-testid='submit']").Click();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("社区不能从“创建中”变为“未启动”。", SubmitPage.FieldMessage(cut, "update-0-stage")));
        Assert.Equal("第1行 · 阶段：社区不能从“创建中”变为“未启动”。", SubmitPage.Summary(cut).QuerySelector("li")!.TextContent);
        Assert.Contains("未通过校验", SubmitPage.Summary(cut).TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("updates[", SubmitPage.Visible(cut), StringComparison.Ordinal);
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
        cut.WaitForAssertion(() => Assert.StartsWith("第3行 · 社区：", cut.Find("[data-testid='outcome'] li[data-path='rows[3].community']").TextContent, StringComparison.Ordinal));
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
        cut.WaitForAssertion(() => Assert.StartsWith("工作进展说明：", cut.Find("[data-testid='error-list'] li[data-path='narrative']").TextContent, StringComparison.Ordinal));
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
