using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Shared;

/// <summary>
/// A community of Wuhan that had no report, then two sent through the real intake today for past months (so both late):
/// March makes it a pilot from 2022-03-10 with criterion 1 met and 12 at 20%; May puts it in progress from 2022-05-10,
/// restates criterion 1, meets 2 and raises 12 to 35%. Every other criterion is never assessed.
/// </summary>
public sealed record CommunityStory(string Code, string March, string May)
{
    public const string Locality = "420100";

    public static readonly DateOnly PilotDay = new(2022, 3, 10);
    public static readonly DateOnly InProgressDay = new(2022, 5, 10);

    public static async Task<CommunityStory> TellAsync(DashboardFactory factory)
    {
        var code = (await factory.TakeNotStartedAsync(Locality, 1)).Single();
        var march = await SendAsync(factory, ReportPeriod.OfMonth(2022, 3), new CommunityUpdate(code, Stage.Pilot, PilotDay, new Dictionary<int, double> { [1] = 1, [12] = 0.2 }));
        var may = await SendAsync(factory, ReportPeriod.OfMonth(2022, 5), new CommunityUpdate(code, Stage.InProgress, InProgressDay, new Dictionary<int, double> { [1] = 1, [2] = 1, [12] = 0.35 }));
        return new CommunityStory(code, march, may);
    }

    private static async Task<string> SendAsync(DashboardFactory factory, ReportPeriod period, CommunityUpdate update)
    {
        var report = new ReportSubmission(Locality, ReportKind.Monthly, period, "武汉市住房和城乡建设局", "第一行\n第二行", [update]);
        var result = await factory.Services.GetRequiredService<ReportIntake>()
            .SubmitAsync(report, SubmitterScope.ForLocality(Locality), null, null, new Accounts.Actor("test", null), Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(IntakeStatus.Stored, result.Status);
        return result.Report!.ReportId;
    }
}
