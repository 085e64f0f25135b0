using GreenCommunity.Dashboard.Actions;

namespace GreenCommunity.Dashboard.Intake;

/// <summary>
/// The report intake that the API, the submit form and the workbook upload all end in, and the channel on which it
/// announces each committed report (<see cref="ProgressNotifier"/>: the live view and the hub listen).
/// </summary>
public static class ReportIntakeExtensions
{
    public static IServiceCollection AddReportIntake(this IServiceCollection services)
    {
        services.AddSingleton<ProgressNotifier>();
        services.AddSingleton<ReportIntake>();
        services.AddSingleton<WorkbookIntake>();
        services.AddSingleton<ActionIntake>();   // the writes that are not reports (Actions)
        return services;
    }
}
