using GreenCommunity.Dashboard.Live;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.ScaleOut;

/// <summary>
/// The server's own Redis connection (rate limits) and SignalR's lifetime manager's are two, each disposed by its
/// owner: a shutdown that disposes them in either order throws nothing (one shared connection once made the
/// manager's unsubscribe meet a connection the backplane had disposed).
/// </summary>
public sealed class RedisConnectionOwnershipTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Shutdown_EitherOrder_EachConnectionDisposedOnceByItsOwner(bool backplaneFirst)
    {
        // Arrange: a started server whose hub has subscribed in Redis.
        await using var factory = await ScaleOutFactory.StartAsync(redis.ConnectionString);
        var backplane = factory.Services.GetRequiredService<RedisBackplane>();
        var manager = (IDisposable)factory.Services.GetRequiredService<HubLifetimeManager<ProgressHub>>();
        await factory.Services.GetRequiredService<IHubContext<ProgressHub>>().Clients.All.SendAsync("ping", TestContext.Current.CancellationToken);
        var own = backplane.Connection;
        Assert.NotNull(own);
        Assert.True(own.IsConnected);

        // Act
        var error = await Record.ExceptionAsync(async () =>
        {
            if (backplaneFirst)
            {
                await backplane.DisposeAsync();
                manager.Dispose();
            }
            else
            {
                manager.Dispose();
                Assert.True(own.IsConnected, "the manager disposed the server's own connection");
                await backplane.DisposeAsync();
            }
        });

        // Assert
        Assert.Null(error);
        Assert.False(own.IsConnected);
    }
}
