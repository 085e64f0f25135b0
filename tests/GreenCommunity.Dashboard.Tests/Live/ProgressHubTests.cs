using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using GreenCommunity.Dashboard.Contracts;
using GreenCommunity.Dashboard.Live;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.Live;

public sealed class ProgressHubTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Report_Committed_PushesReportReceivedAndSummaries()
    {
        // Arrange
        await using var connection = Connect(factory.Tokens.Localities[Yichang]);   // another locality still hears it
        var received = Channel.CreateUnbounded<JsonElement>();
        var summaries = Channel.CreateUnbounded<JsonElement>();
        connection.On<JsonElement>("reportReceived", m => received.Writer.TryWrite(m));
        connection.On<JsonElement>("summaryChanged", m => summaries.Writer.TryWrite(m));
        await connection.StartAsync(Ct);
        var community = (await factory.TakeNotStartedAsync(Wuhan, 1))[0];
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);

        // Act
        var response = await client.SendAsync(Post(Monthly(Wuhan, Update(community, "in_progress"))), Ct);
        var ack = await response.JsonAsync();

        // Assert
        var message = await ReadAsync(received, m => m.GetProperty("reportId").GetString() == ack.GetProperty("reportId").GetString());
        Assert.Equal(Wuhan, message.GetProperty("locality").GetString());
        Assert.Equal("monthly", message.GetProperty("kind").GetString());
        Assert.Equal(ThisMonth, message.GetProperty("period").GetString());
        Assert.Equal(1, message.GetProperty("applied").GetInt32());
        Assert.Equal(ack.GetProperty("onTime").GetBoolean(), message.GetProperty("onTime").GetBoolean());
        var province = await ReadAsync(summaries, m => m.GetProperty("scope").GetString() == "420000");
        var wuhan = await ReadAsync(summaries, m => m.GetProperty("scope").GetString() == Wuhan);
        Assert.False(province.TryGetProperty("children", out _));
        Assert.Equal(await factory.ScalarAsync<long>("SELECT COUNT(*) FROM community_state WHERE stage = 2"), province.GetProperty("inProgress").GetInt64());
        Assert.Equal(1531, wuhan.GetProperty("communities").GetInt32());
    }

    [Fact]
    public async Task Subscribe_County_ReceivesThatCountysSummaryWhenItChanges()
    {
        // Arrange
        var community = (await factory.TakeNotStartedAsync(Wuhan, 1))[0];
        var county = community[..6];
        await using var connection = Connect(factory.Tokens.Province);
        var summaries = Channel.CreateUnbounded<JsonElement>();
        connection.On<JsonElement>("summaryChanged", m => summaries.Writer.TryWrite(m));
        await connection.StartAsync(Ct);
        await connection.InvokeAsync("Subscribe", county, Ct);
        var before = await factory.ScalarAsync<long>("SELECT COUNT(*) FROM community_state s JOIN communities c ON c.code = s.community_code WHERE c.county_code = @county AND s.stage <> 0", new { county });
        using var client = factory.CreateClient(factory.Tokens.Localities[Wuhan]);

        // Act
        await client.SendAsync(Post(Monthly(Wuhan, Update(community, "pilot"))), Ct);

        // Assert
        var summary = await ReadAsync(summaries, m => m.GetProperty("scope").GetString() == county);
        var started = summary.GetProperty("pilot").GetInt64() + summary.GetProperty("inProgress").GetInt64() + summary.GetProperty("accepted").GetInt64();
        Assert.Equal(before + 1, started);
    }

    [Fact]
    public async Task HubContext_TypedClient_SendsTheContractsEventNames()
    {
        // Arrange
        await using var connection = Connect(factory.Tokens.Province);
        var heard = Channel.CreateUnbounded<string>();
        connection.On<JsonElement>("reportReceived", m => heard.Writer.TryWrite("reportReceived " + m.GetProperty("reportId").GetString()));
        connection.On<JsonElement>("summaryChanged", m => heard.Writer.TryWrite("summaryChanged " + m.GetProperty("scope").GetString()));
        await connection.StartAsync(Ct);
        var hub = factory.Services.GetRequiredService<IHubContext<ProgressHub, IProgressClient>>().Clients.Client(connection.ConnectionId!);

        // Act
        await hub.ReportReceivedAsync(new ReportReceivedMessage("typed-report", Wuhan, "monthly", ThisMonth, true, DateTimeOffset.UnixEpoch, 0));
        await hub.SummaryChangedAsync(new RegionSummary("typed-scope", "", "", new DateOnly(2022, 6, 30), 0, 0, 0, 0, 0, 0, 0, null));

        // Assert: the names on the wire are the ones clients listen for (the .NET client matches them case-sensitively).
        Assert.Equal("reportReceived typed-report", await ReadAsync(heard, m => m.EndsWith(" typed-report", StringComparison.Ordinal)));
        Assert.Equal("summaryChanged typed-scope", await ReadAsync(heard, m => m.EndsWith(" typed-scope", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Subscribe_UnknownScope_Fails()
    {
        // Arrange
        await using var connection = Connect(factory.Tokens.Province);
        await connection.StartAsync(Ct);

        // Act
        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("Subscribe", "999999", Ct));

        // Assert
        Assert.Contains("999999", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Connect_WithoutValidToken_IsRefused(string? token)
    {
        // Arrange
        await using var connection = Connect(token);

        // Act
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync(Ct));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Negotiate_AccessTokenInQuery_IsAcceptedForBrowserClients()
    {
        // Arrange
        using var client = factory.CreateClient();

        // Act
        var withToken = await client.PostAsync($"/hubs/progress/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(factory.Tokens.Province)}", null, Ct);
        var without = await client.PostAsync("/hubs/progress/negotiate?negotiateVersion=1", null, Ct);
        var onApi = await client.GetAsync($"/api/v1/summary?access_token={Uri.EscapeDataString(factory.Tokens.Province)}", Ct);

        // Assert: the query parameter is for the hub only; the API wants the header.
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, onApi.StatusCode);
    }

    private HubConnection Connect(string? token) => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/progress"), o =>
        {
            o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            o.WebSocketFactory = async (context, ct) => await factory.Server.CreateWebSocketClient().ConnectAsync(context.Uri, ct);
            if (token is not null)
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);   // sent as access_token on the WebSocket
            }
        })
        .Build();

    private static async Task<T> ReadAsync<T>(Channel<T> channel, Func<T, bool> match)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            var message = await channel.Reader.ReadAsync(timeout.Token);
            if (match(message))
            {
                return message;
            }
        }
    }
}
