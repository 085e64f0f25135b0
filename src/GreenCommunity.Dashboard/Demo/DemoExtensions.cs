using GreenCommunity.Dashboard.Configuration;
using GreenCommunity.Data.Demo;
using GreenCommunity.Domain.Campaigns;
using Microsoft.Extensions.Options;

namespace GreenCommunity.Dashboard.Demo;

/// <summary>The demo's live side: in demo mode, a feed of plausible reports that keeps a fresh install moving (the demo history itself is seeded by the store's start-up).</summary>
public static class DemoExtensions
{
    /// <summary>After <see cref="Live.LivePushExtensions.AddLivePush"/>: hosted services start in order, the hub's broadcaster first.</summary>
    public static IServiceCollection AddDemoFeed(this IServiceCollection services)
    {
        // The calendar the seeded history followed (same seed), so the live feed goes on where the history stopped.
        services.AddSingleton(sp => new DemoReportingCalendar(sp.GetRequiredService<Campaign>(), sp.GetRequiredService<IOptions<DemoOptions>>().Value.Seed));
        return services.AddHostedService<DemoLiveFeed>();
    }
}
