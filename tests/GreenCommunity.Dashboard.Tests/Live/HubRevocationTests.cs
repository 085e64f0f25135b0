using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Access;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GreenCommunity.Dashboard.Tests.Live;

/// <summary>A hub connection lasts only as long as its token: revoked, it is closed at the next sweep and may not subscribe.</summary>
public sealed class HubRevocationTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiTokenStore Tokens => factory.Services.GetRequiredService<ApiTokenStore>();

    [Fact]
    public async Task Connection_TokenRevoked_IsClosedAtTheNextSweep()
    {
        // Arrange
        var (token, secret) = await Tokens.IssueAsync("hub revoke " + Guid.NewGuid().ToString("N")[..8], "420100", Ct);
        await using var connection = Connect(secret);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync(Ct);
        var sweeper = factory.Services.GetServices<IHostedService>().OfType<SessionSweeper>().Single();
        await sweeper.SweepAsync(Ct);
        var openWhileLive = connection.State;

        // Act
        await Tokens.RevokeAsync(token.Id, Ct);
        await sweeper.SweepAsync(Ct);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // Assert
        Assert.Equal(HubConnectionState.Connected, openWhileLive);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task Subscribe_TokenRevoked_IsRefusedAtOnceAndTheConnectionEnds()
    {
        // Arrange
        var (token, secret) = await Tokens.IssueAsync("hub subscribe " + Guid.NewGuid().ToString("N")[..8], "420100", Ct);
        await using var connection = Connect(secret);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync(Ct);
        await connection.InvokeAsync("Subscribe", "42", Ct);

        // Act: no sweep in between; the call itself checks the token
        await Tokens.RevokeAsync(token.Id, Ct);
        var refused = await Record.ExceptionAsync(() => connection.InvokeAsync("Subscribe", "42", Ct));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // Assert
        Assert.NotNull(refused);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    /// <summary>
    /// Over WebSockets only, with the token on the upgrade request: one long-lived request, as browsers hold it. (On the
    /// other transports every send is a new request whose authentication would fail anyway.)
    /// </summary>
    private HubConnection Connect(string token) => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/progress"), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            o.WebSocketFactory = async (context, ct) =>
            {
                var client = factory.Server.CreateWebSocketClient();
                client.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + token;
                return await client.ConnectAsync(context.Uri, ct);
            };
        })
        .Build();
}
