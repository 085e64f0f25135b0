using System.Text.Json;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.DepartmentReports;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Actions;
using GreenCommunity.Domain.Reporting;
using GreenCommunity.Domain.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.DepartmentReports;

/// <summary>department.submit: who may send, the same key twice, bad input: checked on the server, audited, nothing written when refused.</summary>
public sealed class DepartmentReportIntakeTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private DepartmentReportIntake Intake => factory.Services.GetRequiredService<DepartmentReportIntake>();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("dept-fgw", "fgw", 201, null)]
    [InlineData("dept-mz", "mz", 201, null)]
    [InlineData("dept-fgw", "mz", 403, ReportProblemCodes.OutsideDepartment)]
    [InlineData("wuhan", "fgw", 403, ReportProblemCodes.NotADepartment)]
    [InlineData("leader", "fgw", 403, ReportProblemCodes.NotADepartment)]
    [InlineData("admin", "fgw", 403, ReportProblemCodes.NotADepartment)]
    [InlineData(DepartmentPrincipals.DisplayName, "fgw", 403, ReportProblemCodes.NotADepartment)]
    public async Task Submit_ByRoleAndDepartment_OnlyTheDepartmentsOwnAccountWrites(string userName, string department, int status, string? code)
    {
        // Arrange
        var user = await DepartmentPrincipals.ForAsync(factory.Services, userName);
        var draft = new DepartmentSubmissionDraft(department, Intake.Today.Year, "annual", $"{userName} 的年度工作报告");
        var before = await CountAsync(department);
        var refusalsBefore = await RefusalsAsync();

        // Act
        var result = await Intake.SubmitAsync(user, "192.0.2.7", draft, DepartmentReportIntake.ClaimFor(user, Guid.NewGuid().ToString("N"), draft), Ct);

        // Assert
        Assert.Equal(status, result.Status);
        Assert.Equal(before + (status == 201 ? 1 : 0), await CountAsync(department));
        if (code is not null)
        {
            Assert.Equal([code], result.Errors.ToCodes()["department"]);
            Assert.Equal(refusalsBefore + 1, await RefusalsAsync());   // the refused attempt is audited
        }
    }

    [Fact]
    public async Task Submit_SameKeyTwice_AnswersTheFirstAgainAndWritesOnce()
    {
        // Arrange
        var user = await DepartmentPrincipals.ForAsync(factory.Services, "dept-ga");
        var draft = new DepartmentSubmissionDraft("ga", Intake.Today.Year, "plan", "明年计划\n第二行");
        var claim = DepartmentReportIntake.ClaimFor(user, "double-click", draft);
        var before = await CountAsync("ga");

        // Act
        var first = await Intake.SubmitAsync(user, null, draft, claim, Ct);
        var again = await Intake.SubmitAsync(user, null, draft, claim, Ct);
        var otherBody = draft with { Text = "另一份" };
        var reused = await Intake.SubmitAsync(user, null, otherBody, DepartmentReportIntake.ClaimFor(user, "double-click", otherBody), Ct);

        // Assert
        Assert.Equal((ActionResultKind.Done, ActionResultKind.Replayed, ActionResultKind.KeyReused), (first.Kind, again.Kind, reused.Kind));
        Assert.Equal(first.Response, again.Response);
        Assert.Equal(first.Location, again.Location);
        Assert.Equal(422, reused.Status);
        Assert.Equal(before + 1, await CountAsync("ga"));
    }

    [Fact]
    public async Task Submit_BadInput_IsRefusedWithEveryPathAndWritesNothing()
    {
        // Arrange
        var user = await DepartmentPrincipals.ForAsync(factory.Services, "dept-sthj");
        var draft = new DepartmentSubmissionDraft("sthj", Intake.Campaign.Start.Year - 1, "monthly", new string('文', DepartmentSubmissionRules.MaxTextLength + 1));
        var before = await factory.ScalarAsync<long>("SELECT COUNT(*) FROM department_submissions");

        // Act
        var result = await Intake.SubmitAsync(user, null, draft, DepartmentReportIntake.ClaimFor(user, "bad", draft), Ct);
        var empty = await Intake.SubmitAsync(user, null, draft with { Year = Intake.Today.Year + 1, Kind = null, Text = "" }, null, Ct);

        // Assert
        Assert.Equal(400, result.Status);
        Assert.Equal(["kind", "text", "year"], result.Errors.ToCodes().Keys.Order(StringComparer.Ordinal));
        Assert.Equal([ReportProblemCodes.YearOutOfRange], empty.Errors.ToCodes()["year"]);
        Assert.Equal([ReportProblemCodes.Required], empty.Errors.ToCodes()["kind"]);
        Assert.Equal([ReportProblemCodes.Required], empty.Errors.ToCodes()["text"]);
        Assert.Equal(before, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM department_submissions"));
        Assert.Equal(0L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM action_keys WHERE key = 'bad'"));
    }

    [Fact]
    public async Task Submit_FromADisabledDepartmentAccount_IsRefusedInTheWrite()
    {
        // Arrange: the account is disabled after its session began
        var user = await DepartmentPrincipals.ForAsync(factory.Services, "dept-scjg");
        var users = factory.Services.GetRequiredService<Data.Access.UserStore>();
        await users.SetDisabledAsync(user.UserId()!.Value, true, Ct);
        var draft = new DepartmentSubmissionDraft("scjg", Intake.Today.Year, "annual", "正文");

        // Act
        var result = await Intake.SubmitAsync(user, null, draft, null, Ct);
        await users.SetDisabledAsync(user.UserId()!.Value, false, Ct);

        // Assert
        Assert.Equal(403, result.Status);
        Assert.Equal([ReportProblemCodes.SenderRevoked], result.Errors.ToCodes()["sender"]);
        Assert.Equal(0L, await CountAsync("scjg"));
    }

    [Fact]
    public async Task Submit_Stored_AnswersItsIdAndTimelinessByThe30NovemberDeadline()
    {
        // Arrange
        var user = await DepartmentPrincipals.ForAsync(factory.Services, "dept-fgw");
        var draft = new DepartmentSubmissionDraft("fgw", Intake.Today.Year, "plan", "计划");

        // Act
        var result = await Intake.SubmitAsync(user, null, draft, null, Ct);

        // Assert
        using var answer = JsonDocument.Parse(result.Response!);
        var id = answer.RootElement.GetProperty("submissionId").GetString();
        var submittedAt = answer.RootElement.GetProperty("submittedAt").GetDateTimeOffset();
        Assert.Equal($"/department-reports/{id}", result.Location);
        Assert.Equal("plan", answer.RootElement.GetProperty("kind").GetString());
        Assert.Equal(new DepartmentDuty(DepartmentReportKind.Plan, draft.Year!.Value).IsOnTime(Intake.Campaign, submittedAt), answer.RootElement.GetProperty("onTime").GetBoolean());
        Assert.Equal("user:dept-fgw", await factory.ScalarAsync<string>("SELECT submitted_by FROM department_submissions WHERE submission_id = @id", new { id }));
    }

    [Theory]
    [InlineData("dept-fgw")]
    [InlineData("dept-scjg")]
    public async Task ReportingScope_OfADepartmentAccount_IsNone(string userName)
    {
        // Act
        var user = await DepartmentPrincipals.ForAsync(factory.Services, userName);

        // Assert: it can never send a locality's or the province's report
        Assert.Null(user.ReportingScope());
        Assert.NotNull(user.DepartmentScope());
    }

    private Task<long> CountAsync(string department) =>
        factory.ScalarAsync<long>("SELECT COUNT(*) FROM department_submissions WHERE department = @department", new { department });

    private Task<long> RefusalsAsync() =>
        factory.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'department.submit' AND outcome = 'refused'");
}
