namespace GreenCommunity.Dashboard.Health;

/// <summary>GET /healthz: healthy when the database answers (<see cref="DatabaseHealthCheck"/>).</summary>
public static class HealthExtensions
{
    public const string Path = "/healthz";

    public static IServiceCollection AddDashboardHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static IEndpointRouteBuilder MapDashboardHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Path).AllowAnonymous();
        return endpoints;
    }
}
