using System.Text.Json;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Data.Storage;
using Npgsql;

namespace GreenCommunity.Dashboard.ScaleOut;

/// <summary>
/// Carries "a report has been committed" between dashboard servers on one PostgreSQL store: each report this server
/// commits is announced with NOTIFY, and each one another server announced is published here as if it had arrived
/// here, so this server's shared live view (every Blazor page on it) moves on within the second. The other changes
/// (<see cref="ServerChanges"/>: acceptance requests, inspections, demonstration bases, bulletins) travel on a second
/// channel alike. Runs only on PostgreSQL; one server on SQLite has no one to tell. Hub clients hear other servers'
/// reports through the SignalR backplane instead.
/// </summary>
public sealed partial class StoreReportChannel(StoreDatabase database, ProgressNotifier notifier, ServerChanges changes,
    ILogger<StoreReportChannel> logger) : BackgroundService
{
    /// <summary>The PostgreSQL channel name every server listens on for reports.</summary>
    public const string Channel = "greencommunity_reports";

    /// <summary>The PostgreSQL channel name every server listens on for the other changes.</summary>
    public const string ChangesChannel = "greencommunity_changes";

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
        changes.TellThrough(change => _ = TellAsync(change));
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _reports?.Dispose();
        changes.TellThrough(null);
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
                connection.Notification += (_, e) => Hear(e.Channel, e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}; LISTEN {ChangesChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                Listening(logger, Channel, ChangesChannel);
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
        await NotifyAsync(Channel, JsonSerializer.Serialize(new Announcement(_server, notice)));
    }

    /// <summary>Tells the other servers of a change made here; a failure is logged (their pages catch up at the next change).</summary>
    private async Task TellAsync(ServerChange change)
    {
        try
        {
            await NotifyAsync(ChangesChannel, JsonSerializer.Serialize(new ChangeAnnouncement(_server, change)));
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
        {
            TellFailed(logger, change.Kind, ex);
        }
    }

    private async Task NotifyAsync(string channel, string payload)
    {
        await using var command = ((PostgresStore)database).DataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync();
    }

    private void Hear(string channel, string payload)
    {
        try
        {
            if (channel == ChangesChannel)
            {
                if (JsonSerializer.Deserialize<ChangeAnnouncement>(payload) is { Change: not null } change && change.Server != _server)
                {
                    changes.Hear(change.Change);
                }
            }
            else if (JsonSerializer.Deserialize<Announcement>(payload) is { } heard && heard.Server != _server)
            {
                notifier.Publish(heard.Notice with { FromAnotherServer = true });
            }
        }
        catch (JsonException ex)
        {
            UnreadableNotice(logger, channel, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ListenerFailed(logger, channel, ex);   // a page's listener must not end the listening for every page
        }
    }

    private sealed record Announcement(string Server, ReportNotice Notice);

    private sealed record ChangeAnnouncement(string Server, ServerChange Change);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for other servers' reports and changes on PostgreSQL channels {Channel} and {ChangesChannel}")]
    private static partial void Listening(ILogger logger, string channel, string changesChannel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the PostgreSQL connection that hears other servers' reports; trying again")]
    private static partial void ListenFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A notice on PostgreSQL channel {Channel} could not be read")]
    private static partial void UnreadableNotice(ILogger logger, string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A listener failed on what was heard on PostgreSQL channel {Channel}")]
    private static partial void ListenerFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other servers of a change ({Kind}); their pages catch up at the next one")]
    private static partial void TellFailed(ILogger logger, string kind, Exception exception);
}
