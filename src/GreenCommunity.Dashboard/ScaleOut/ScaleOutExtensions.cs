namespace GreenCommunity.Dashboard.ScaleOut;

/// <summary>What several dashboard servers on one PostgreSQL store share beyond the store: the reports each one commits and the other changes their pages and caches must hear of.</summary>
public static class ScaleOutExtensions
{
    public static IServiceCollection AddScaleOut(this IServiceCollection services)
    {
        services.AddSingleton<ServerChanges>();
        services.AddSingleton<StoreReportChannel>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreReportChannel>());
        return services;
    }
}
