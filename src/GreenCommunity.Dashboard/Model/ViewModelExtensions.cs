namespace GreenCommunity.Dashboard.Model;

/// <summary>The builders of what the pages show from the live view's snapshots.</summary>
public static class ViewModelExtensions
{
    /// <summary>The map views (per snapshot, metric and language), built once and shared by every page.</summary>
    public static IServiceCollection AddDashboardViewModels(this IServiceCollection services) => services.AddSingleton<MapViewBuilder>();
}
