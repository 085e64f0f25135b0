namespace GreenCommunity.Dashboard.Maps;

/// <summary>The map: its geometry, read once from the assets, and the per-snapshot views drawn from it.</summary>
public static class MapsExtensions
{
    public static IServiceCollection AddDashboardMaps(this IServiceCollection services)
    {
        services.AddSingleton<MapGeometry>();
        services.AddSingleton<MapViewBuilder>();
        return services;
    }
}
