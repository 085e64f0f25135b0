using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Demo;
using GreenCommunity.Dashboard.Extensions;
using GreenCommunity.Dashboard.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GreenCommunity.Dashboard.Tests.Configuration;

/// <summary>The features composed by AddDashboard: none registers what another already has, and the start-up order holds.</summary>
public sealed class WiringTests
{
    [Fact]
    public void AddDashboard_AllFeatures_RegisterEachOfTheProjectsServicesOnce()
    {
        // Arrange
        var builder = WebApplication.CreateBuilder();

        // Act
        builder.AddDashboard();

        // Assert
        var twice = builder.Services
            .Where(d => d.ServiceType.Namespace?.StartsWith("GreenCommunity.", StringComparison.Ordinal) == true)
            .GroupBy(d => d.ServiceType)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key.FullName);
        Assert.Empty(twice);
    }

    [Fact]
    public void AddDashboard_HostedServices_StartTheBroadcasterThenTheDemoFeedThenTheLiveViewThenTheSessionSweeper()
    {
        // Arrange
        var builder = WebApplication.CreateBuilder();

        // Act
        builder.AddDashboard();

        // Assert: the Redis backplane's start-up check, the live view and the other servers' reports channel are registered
        // by a factory (the same instance as their singleton), so they have no implementation type: they are the nulls.
        var ours = builder.Services
            .Where(d => d.ServiceType == typeof(IHostedService))
            .Where(d => d.ImplementationType?.Namespace?.StartsWith("GreenCommunity.", StringComparison.Ordinal) != false);
        Assert.Equal([typeof(HubBroadcaster), null, typeof(DemoLiveFeed), null, null, typeof(SessionSweeper)], ours.Select(d => d.ImplementationType));
    }
}
