using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GreenCommunity.Dashboard.Tests.Shared;

/// <summary>The app's own feature extensions in a bunit context, over the running app's state.</summary>
public static class AppServices
{
    /// <summary>
    /// Registers what <paramref name="features"/> (the app's <c>AddX()</c> calls) register, so that a component test
    /// gets no service the app would not have and misses none a feature adds. A singleton is the running app's own
    /// instance (one store, one intake notifier, one live view: a report the app takes reaches the component under test),
    /// given as an instance so that the test's container does not dispose it. Generic plumbing (options, their
    /// validators), scoped and transient services are registered as the feature declares them. Hosted services stay
    /// with the app, which runs them.
    /// </summary>
    public static IServiceCollection AddFromApp(this IServiceCollection services, IServiceProvider app, Func<IServiceCollection, IServiceCollection> features)
    {
        var shared = new HashSet<Type>();
        foreach (var descriptor in features(new ServiceCollection()))
        {
            if (descriptor.ServiceType == typeof(IHostedService))
            {
                continue;
            }
            if (descriptor.Lifetime == ServiceLifetime.Singleton && !descriptor.IsKeyedService && !descriptor.ServiceType.IsGenericType)
            {
                if (shared.Add(descriptor.ServiceType))
                {
                    services.AddSingleton(descriptor.ServiceType, app.GetRequiredService(descriptor.ServiceType));
                }
                continue;
            }
            services.Add(descriptor);
        }
        return services;
    }
}
