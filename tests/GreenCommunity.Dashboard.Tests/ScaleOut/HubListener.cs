using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using GreenCommunity.Dashboard.Live;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.SignalR.Client;

namespace GreenCommunity.Dashboard.Tests.ScaleOut;

/// <summary>A hub client on one instance that keeps every "reportReceived" with the moment it arrived.</summary>
public sealed class HubListener : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Channel<(JsonElement Message, long Arrived)> _received = Channel.CreateUnbounded<(JsonElement, long)>();

    private HubListener(HubConnection connection)
    {
        _connection = connection;
        _connection.On<JsonElement>(ProgressHub.ReportReceived, m => _received.Writer.TryWrite((m, Stopwatch.GetTimestamp())));
    }

    public static async Task<HubListener> ConnectAsync(DashboardFactory factory, string token, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, ProgressHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.WebSocketFactory = async (context, ct) => await factory.Server.CreateWebSocketClient().ConnectAsync(context.Uri, ct);
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        var listener = new HubListener(connection);
        await connection.StartAsync(cancellationToken);
        return listener;
    }

    /// <summary>When the report's "reportReceived" arrived (a <see cref="Stopwatch"/> timestamp), or null if it did not within the wait.</summary>
    public async Task<long?> ArrivalOfAsync(string reportId, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            while (true)
            {
                var (message, arrived) = await _received.Reader.ReadAsync(timeout.Token);
                if (message.GetProperty("reportId").GetString() == reportId)
                {
                    return arrived;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>How many more "reportReceived" for the report arrive, until none has for the whole wait.</summary>
    public async Task<int> CountOfAsync(string reportId, TimeSpan wait, CancellationToken cancellationToken)
    {
        var count = 0;
        while (await ArrivalOfAsync(reportId, wait, cancellationToken) is not null)
        {
            count++;
        }
        return count;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
