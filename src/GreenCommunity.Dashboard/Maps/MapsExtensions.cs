namespace GreenCommunity.Dashboard.Maps;

/// <summary>The map: its geometry, read once from the assets (the views drawn from it are built in Model).</summary>
public static class MapsExtensions
{
    public static IServiceCollection AddDashboardMaps(this IServiceCollection services)
    {
        services.AddSingleton<MapGeometry>();
        return services;
    }
}
