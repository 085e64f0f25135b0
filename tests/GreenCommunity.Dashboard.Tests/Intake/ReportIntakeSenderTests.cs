using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Access;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Intake;

/// <summary>
/// The sender's right is the store's to check when it writes (issue 10, item 4: a disabled coordinator's upload was
/// stored and audited as allowed). The intake names the sender; a refusal is audited as refused.
/// </summary>
public sealed class ReportIntakeSenderTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_FromADisabledAccount_IsForbiddenWritesNothingAndIsAuditedAsRefused()
    {
        // Arrange: a coordinator whose open page still sends after the administrator disabled the account.
        var users = factory.Services.GetRequiredService<UserStore>();
        var coordinator = await users.CreateAsync("wuhan-disabled", "武汉市联络员", UserAccount.CoordinatorRole, ReportBodies.Wuhan, "a-long-enough-password", Ct);
        await users.SetDisabledAsync(coordinator.Id, true, Ct);
        var community = (await factory.TakeNotStartedAsync(ReportBodies.Wuhan, 1))[0];
        var before = await factory.FingerprintAsync();

        // Act
        var result = await factory.Services.GetRequiredService<ReportIntake>().SubmitAsync(Report(community), SubmitterScope.ForLocality(ReportBodies.Wuhan),
            null, null, new Accounts.Actor("user:wuhan-disabled", "127.0.0.1"), Ct);

        // Assert
        Assert.Equal(IntakeStatus.Forbidden, result.Status);
        Assert.Equal([ReportProblemCodes.SenderRevoked], result.Errors.Problems.Select(p => p.Code));
        Assert.Equal(before, await factory.FingerprintAsync());
        Assert.Equal(["refused"], await factory.QueryAsync<string>("SELECT outcome FROM audit_log WHERE actor = 'user:wuhan-disabled' AND action = 'report.submit'"));
    }

    [Fact]
    public async Task Submit_FromAnEnabledAccount_IsStoredAndAuditedAsAllowed()
    {
        // Arrange
        var users = factory.Services.GetRequiredService<UserStore>();
        await users.CreateAsync("wuhan-enabled", "武汉市联络员", UserAccount.CoordinatorRole, ReportBodies.Wuhan, "a-long-enough-password", Ct);
        var community = (await factory.TakeNotStartedAsync(ReportBodies.Wuhan, 1))[0];

        // Act
        var result = await factory.Services.GetRequiredService<ReportIntake>().SubmitAsync(Report(community), SubmitterScope.ForLocality(ReportBodies.Wuhan),
            null, null, new Accounts.Actor("user:wuhan-enabled", "127.0.0.1"), Ct);

        // Assert
        Assert.Equal(IntakeStatus.Stored, result.Status);
        Assert.Equal(["allowed"], await factory.QueryAsync<string>("SELECT outcome FROM audit_log WHERE actor = 'user:wuhan-enabled' AND action = 'report.submit'"));
    }

    private static ReportSubmission Report(string community)
    {
        var today = ReportBodies.Today;
        return new ReportSubmission(ReportBodies.Wuhan, ReportKind.Monthly, ReportPeriod.OfMonth(today.Year, today.Month), "武汉市住房和城乡建设局", null,
            [new CommunityUpdate(community, Stage.InProgress, today, new Dictionary<int, double>())]);
    }
}
