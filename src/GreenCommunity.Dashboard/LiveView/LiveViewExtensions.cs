namespace GreenCommunity.Dashboard.LiveView;

/// <summary>The one shared live view (<see cref="LiveProgress"/>) that every page and the hub read, and what builds its snapshots.</summary>
public static class LiveViewExtensions
{
    public static IServiceCollection AddLiveView(this IServiceCollection services)
    {
        services.AddSingleton<SnapshotReader>();
        services.AddSingleton<SnapshotBuilder>();
        services.AddSingleton<LiveProgress>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveProgress>());   // the same instance: it watches for midnight
        return services;
    }
}
