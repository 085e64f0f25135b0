using GreenCommunity.Data.Acceptance;

namespace GreenCommunity.Dashboard.Acceptance;

/// <summary>The acceptance review: its service, its queries and the notice its pages and cards listen to.</summary>
public static class AcceptanceExtensions
{
    public static IServiceCollection AddAcceptanceReview(this IServiceCollection services)
    {
        services.AddSingleton<AcceptanceNotifier>();
        services.AddSingleton<AcceptanceQueries>();
        services.AddSingleton<AcceptanceService>();
        return services;
    }
}
