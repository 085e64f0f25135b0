using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Shared;

/// <summary>Reports sent through the real intake, as a locality's token would send them.</summary>
public static class LiveReports
{
    /// <summary>Starts communities of a locality (in progress) on an effective day; the report is stored or the test fails.</summary>
    public static async Task<IntakeResult> StartAsync(DashboardFactory factory, string locality, IReadOnlyList<string> communities, DateOnly effective)
    {
        var today = ReportBodies.Today;
        var report = new ReportSubmission(locality, ReportKind.Monthly, ReportPeriod.OfMonth(today.Year, today.Month), "住房和城乡建设局", null,
            communities.Select(c => new CommunityUpdate(c, Stage.InProgress, effective, new Dictionary<int, double>())).ToList());
        var result = await factory.Services.GetRequiredService<ReportIntake>()
            .SubmitAsync(report, SubmitterScope.ForLocality(locality), null, null, new Accounts.Actor("test", null), Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(IntakeStatus.Stored, result.Status);
        return result;
    }
}
