using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Live;

namespace GreenCommunity.Dashboard.Extensions;

/// <summary>
/// The report intake that the API, the submit form and the workbook upload all end in, and the channel on which it
/// announces each committed report (<see cref="ProgressNotifier"/>: the live view and the hub listen).
/// Here rather than in Intake/ only while that folder is being rewritten; it moves there afterwards.
/// </summary>
public static class ReportIntakeExtensions
{
    public static IServiceCollection AddReportIntake(this IServiceCollection services)
    {
        services.AddSingleton<ProgressNotifier>();
        services.AddSingleton<ReportIntake>();
        return services;
    }
}
