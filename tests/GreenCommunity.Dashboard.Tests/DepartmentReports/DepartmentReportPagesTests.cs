using System.Security.Claims;
using Bunit;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Components.Pages.Compliance;
using GreenCommunity.Dashboard.Components.Pages.DepartmentReports;
using GreenCommunity.Dashboard.DepartmentReports;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Domain.Reporting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.DepartmentReports;

/// <summary>The form, the reading page (the text exactly as sent, never markup) and the departments' rows of the compliance view.</summary>
public sealed class DepartmentReportPagesTests(DashboardFactory factory) : DashboardTestContext(factory), IClassFixture<DashboardFactory>
{
    private const string Text = "一、总体情况\r\n  缩进两格的一行\t制表符\n<script>alert('x')</script> <b>不加粗</b> &amp;\n\n末行有空格 ";

    private void SignInAsDepartment(string userName, string department)
    {
        Authorization.SetAuthorized(userName);
        Authorization.SetRoles(DashboardRoles.Department);
        Authorization.SetClaims(new Claim(DashboardClaims.UserId, "1"), new Claim(DashboardClaims.Department, department));
    }

    [Fact]
    public async Task Send_FromTheForm_StoresTheTextExactlyAndTheReadingPageShowsItAsText()
    {
        // Arrange
        SignInAsDepartment("dept-mz", "mz");
        var cut = Render<DepartmentReportsPage>();
        cut.WaitForElement("[data-testid='department-form']");

        // Act
        await cut.InvokeAsync(() => cut.Find("textarea").Change(Text));
        await cut.Find("button[data-testid='department-send']").ClickAsync(new());
        var link = cut.WaitForElement("[data-testid='department-sent'] a").GetAttribute("href")!;
        var id = link[(link.LastIndexOf('/') + 1)..];
        var reading = Render<DepartmentSubmissionPage>(p => p.Add(x => x.SubmissionId, id));
        var shown = reading.WaitForElement("[data-testid='department-submission-text']");

        // Assert
        Assert.Equal(Text, await Factory.ScalarAsync<string>("SELECT text FROM department_submissions WHERE submission_id = @id", new { id }));
        Assert.Equal(Text.Replace("\r\n", "\n", StringComparison.Ordinal), shown.TextContent);   // HTML reads CR LF as one line break, as a browser shows it
        Assert.Empty(shown.Children);   // no <script>, no <b>: one text node
        Assert.Contains("&lt;script&gt;", shown.InnerHtml, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("[data-testid='department-submissions'] tbody tr"), r => r.GetAttribute("data-submission") == id);
        Assert.Equal(Factory.Services.GetRequiredService<DepartmentReportIntake>().Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) + "年度工作报告",
            reading.Find("[data-testid='fact-duty']").TextContent);
    }

    [Fact]
    public async Task Send_AnEmptyText_ShowsTheProblemUnderTheFieldAndWritesNothing()
    {
        // Arrange
        SignInAsDepartment("dept-sthj", "sthj");
        var before = await Factory.ScalarAsync<long>("SELECT COUNT(*) FROM department_submissions WHERE department = 'sthj'");
        var cut = Render<DepartmentReportsPage>();
        cut.WaitForElement("[data-testid='department-form']");

        // Act
        await cut.Find("button[data-testid='department-send']").ClickAsync(new());

        // Assert
        cut.WaitForElement("[data-testid='department-errors'] li[data-path='text']");
        Assert.Empty(cut.FindAll("[data-testid='department-sent']"));
        Assert.Equal(before, await Factory.ScalarAsync<long>("SELECT COUNT(*) FROM department_submissions WHERE department = 'sthj'"));
    }

    [Fact]
    public async Task Render_AsAViewer_ListsEveryDepartmentsTextsWithoutAForm()
    {
        // Arrange: two departments have sent something
        foreach (var (user, department) in new[] { ("dept-fgw", "fgw"), ("dept-ga", "ga") })
        {
            var principal = await DepartmentPrincipals.ForAsync(Factory.Services, user);
            var draft = new DepartmentSubmissionDraft(department, Factory.Services.GetRequiredService<DepartmentReportIntake>().Today.Year, "annual", "正文");
            Assert.Equal(201, (await Factory.Services.GetRequiredService<DepartmentReportIntake>().SubmitAsync(principal, null, draft, null, Xunit.TestContext.Current.CancellationToken)).Status);
        }
        SignInAs("leader", DashboardRoles.Viewer);

        // Act
        var cut = Render<DepartmentReportsPage>();
        cut.WaitForElement("[data-testid='department-submissions'] tbody tr");

        // Assert
        Assert.Empty(cut.FindAll("[data-testid='department-form']"));
        var text = cut.Find("[data-testid='department-submissions']").TextContent;
        Assert.Contains("省发展改革委", text, StringComparison.Ordinal);
        Assert.Contains("省公安厅", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnUnknownId_SaysThereIsNone()
    {
        // Arrange
        SignInAs("leader", DashboardRoles.Viewer);

        // Act
        var cut = Render<DepartmentSubmissionPage>(p => p.Add(x => x.SubmissionId, "no-such-id"));

        // Assert
        cut.WaitForElement("[data-testid='department-submission-missing']");
    }

    [Fact]
    public void Render_CompliancePastDay_ShowsTheFiveDepartmentsWithTheLocalitiesStates()
    {
        // Arrange: on 2022-06-30 nothing was sent yet: 2021's texts are missing, 2022's not yet due
        SignInAs("leader", DashboardRoles.Viewer);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/compliance?asOf=2022-06-30");

        // Act
        var cut = Render<CompliancePage>();
        cut.WaitForElement("[data-testid='department-grid'] tbody tr");
        // The localities' grid loads on its own: wait for it too, a busy machine draws it later.
        cut.WaitForAssertion(() => Assert.Equal(17, cut.FindAll("[data-testid='compliance-grid'] tbody tr").Count), TimeSpan.FromSeconds(10));

        // Assert
        var rows = cut.FindAll("[data-testid='department-grid'] tbody tr");
        Assert.Equal(["fgw", "mz", "ga", "sthj", "scjg"], rows.Select(r => r.GetAttribute("data-department")));
        Assert.All(rows, r =>
        {
            Assert.Equal(("missing", "未报"), (r.QuerySelector("td[data-duty='annual:2021']")!.GetAttribute("data-state"), r.QuerySelector("td[data-duty='annual:2021']")!.TextContent));
            Assert.Equal("missing", r.QuerySelector("td[data-duty='plan:2021']")!.GetAttribute("data-state"));
            Assert.Equal("due", r.QuerySelector("td[data-duty='annual:2022']")!.GetAttribute("data-state"));
            Assert.Equal("due", r.QuerySelector("td[data-duty='plan:2022']")!.GetAttribute("data-state"));
        });
        Assert.Equal("按时 0 · 逾期 0 · 未报 10 · 未到期 10", cut.Find("[data-testid='department-counts']").TextContent.Trim());
        Assert.Equal(17, cut.FindAll("[data-testid='compliance-grid'] tbody tr").Count);   // the localities' grid as before
    }

    [Fact]
    public async Task Render_ComplianceToday_CountsTheFirstTextOfThisYearsAnnualReport()
    {
        // Arrange: scjg sends this year's annual report now, twice; the first counts
        var intake = Factory.Services.GetRequiredService<DepartmentReportIntake>();
        var principal = await DepartmentPrincipals.ForAsync(Factory.Services, "dept-scjg");
        var draft = new DepartmentSubmissionDraft("scjg", intake.Today.Year, "annual", "第一稿");
        var first = await intake.SubmitAsync(principal, null, draft, null, Xunit.TestContext.Current.CancellationToken);
        await intake.SubmitAsync(principal, null, draft with { Text = "第二稿" }, null, Xunit.TestContext.Current.CancellationToken);
        var onTime = System.Text.Json.JsonDocument.Parse(first.Response!).RootElement.GetProperty("onTime").GetBoolean();
        SignInAs("leader", DashboardRoles.Viewer);

        // Act
        var cut = Render<CompliancePage>();
        var cell = cut.WaitForElement($"[data-testid='department-grid'] tr[data-department='scjg'] td[data-duty='annual:{intake.Today.Year}']");

        // Assert
        Assert.Equal(onTime ? "on-time" : "late", cell.GetAttribute("data-state"));
    }
}
