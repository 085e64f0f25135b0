using System.Text.Json;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Data.Storage;
using Npgsql;

namespace GreenCommunity.Dashboard.ScaleOut;

/// <summary>
/// Carries "a report has been committed" between dashboard servers on one PostgreSQL store: each report this server
/// commits is announced with NOTIFY, and each one another server announced is published here as if it had arrived
/// here, so this server's shared live view (every Blazor page on it) moves on within the second. Runs only on PostgreSQL;
/// one server on SQLite has no one to tell. Hub clients hear other servers' reports through the SignalR backplane instead.
/// </summary>
public sealed partial class StoreReportChannel(StoreDatabase database, ProgressNotifier notifier, ILogger<StoreReportChannel> logger) : BackgroundService
{
    /// <summary>The PostgreSQL channel name every server listens on.</summary>
    public const string Channel = "greencommunity_reports";

    private static readonly TimeSpan s_retry = TimeSpan.FromSeconds(2);

    private readonly string _server = Guid.NewGuid().ToString("N");
    private IDisposable? _reports;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (database is not PostgresStore)
        {
            return Task.CompletedTask;
        }
        _reports = notifier.Subscribe(AnnounceAsync);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _reports?.Dispose();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Listens until the server stops; a lost connection is opened again (reports committed meanwhile are not replayed).</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var store = (PostgresStore)database;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await store.DataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Hear(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                Listening(logger, Channel);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                ListenFailed(logger, ex);
                await Task.Delay(s_retry, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Tells the other servers of a report committed here (never of one heard from them).</summary>
    private async Task AnnounceAsync(ReportNotice notice)
    {
        if (notice.FromAnotherServer)
        {
            return;
        }
        var payload = JsonSerializer.Serialize(new Announcement(_server, notice));
        await using var command = ((PostgresStore)database).DataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync();
    }

    private void Hear(string payload)
    {
        try
        {
            if (JsonSerializer.Deserialize<Announcement>(payload) is { } heard && heard.Server != _server)
            {
                notifier.Publish(heard.Notice with { FromAnotherServer = true });
            }
        }
        catch (JsonException ex)
        {
            UnreadableNotice(logger, ex);
        }
    }

    private sealed record Announcement(string Server, ReportNotice Notice);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for other servers' reports on PostgreSQL channel {Channel}")]
    private static partial void Listening(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the PostgreSQL connection that hears other servers' reports; trying again")]
    private static partial void ListenFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notice on the reports channel could not be read")]
    private static partial void UnreadableNotice(ILogger logger, Exception exception);
}
