using GreenCommunity.Data.Demonstration;

namespace GreenCommunity.Dashboard.Demonstration;

/// <summary>Demonstration bases and practices: their queries, their writes, the map's layer.</summary>
public static class DemonstrationExtensions
{
    public static IServiceCollection AddDemonstration(this IServiceCollection services)
    {
        services.AddSingleton<DemonstrationQueries>();
        services.AddSingleton<DemonstrationLayer>();
        services.AddSingleton<DemonstrationService>();
        return services;
    }
}
