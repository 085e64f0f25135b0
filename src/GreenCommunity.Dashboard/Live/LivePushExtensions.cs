namespace GreenCommunity.Dashboard.Live;

/// <summary>
/// Live push to external clients: the SignalR hub at <see cref="ProgressHub.Path"/>, the broadcaster that feeds it from
/// the intake's notices and the shared live view.
/// </summary>
public static class LivePushExtensions
{
    public static IServiceCollection AddLivePush(this IServiceCollection services)
    {
        services.AddSingleton<HubSubscriptions>();
        services.AddHostedService<HubBroadcaster>();
        services.AddSignalR().AddRedisBackplane();   // several servers: hub messages through Redis when ConnectionStrings:Redis is set
        return services;
    }

    public static IEndpointRouteBuilder MapLivePush(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<ProgressHub>(ProgressHub.Path);
        return endpoints;
    }
}
