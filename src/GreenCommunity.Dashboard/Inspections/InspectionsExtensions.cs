using GreenCommunity.Data.Inspections;

namespace GreenCommunity.Dashboard.Inspections;

/// <summary>Unannounced inspections (暗访督查): their queries, their writes and the notice that they changed.</summary>
public static class InspectionsExtensions
{
    public static IServiceCollection AddInspections(this IServiceCollection services)
    {
        services.AddSingleton<InspectionQueries>();
        services.AddSingleton<InspectionNotifier>();
        services.AddSingleton<InspectionService>();
        return services;
    }
}
