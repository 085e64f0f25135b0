using System.Net;
using System.Net.Sockets;

namespace GreenCommunity.Dashboard.Tests.ScaleOut;

/// <summary>A Redis setting that cannot work stops the start with a message naming it, rather than failing pushes later.</summary>
public sealed class RedisSettingTests
{
    [Fact]
    public async Task Start_RedisNotAnswering_FailsNamingTheSetting()
    {
        // Arrange: a loopback port nothing listens on.
        await using var factory = new ScaleOutFactory($"127.0.0.1:{ClosedPort()},connectTimeout=2000");

        // Act
        var error = Record.Exception(() => factory.Server);

        // Assert
        var message = MessagesOf(error);
        Assert.Contains("ConnectionStrings:Redis: no Redis answered at 127.0.0.1:", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:6379,nosuchoption=1", "is not a Redis connection string")]
    [InlineData(",password=secret", "names no Redis server")]
    public async Task Start_MalformedConnectionString_FailsNamingTheSetting(string connectionString, string expected)
    {
        // Arrange
        await using var factory = new ScaleOutFactory(connectionString);

        // Act
        var error = Record.Exception(() => factory.Server);

        // Assert
        var message = MessagesOf(error);
        Assert.Contains("ConnectionStrings:Redis", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", message, StringComparison.Ordinal);
    }

    private static string MessagesOf(Exception? error)
    {
        Assert.NotNull(error);
        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }
        return string.Join(" | ", messages);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
