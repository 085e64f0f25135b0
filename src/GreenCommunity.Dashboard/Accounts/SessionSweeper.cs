using GreenCommunity.Data.Access;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>
/// One timer for all open pages and hub connections: every <see cref="Interval"/> it looks up the credentials they
/// stand on in two batched queries and ends those revoked, disabled or with a changed password. With the interval at
/// 15 s a session ends within 30 s of its credential, whatever the number of sessions.
/// </summary>
public sealed partial class SessionSweeper(OpenSessions sessions, CredentialQueries credentials, TimeProvider clock, ILogger<SessionSweeper> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private PeriodicTimer? _timer;

    /// <summary>The timer starts with the service (ExecuteAsync itself may start later, on the thread pool).</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(Interval, clock);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ?? throw new InvalidOperationException("Started without StartAsync.");
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    SweepFailed(logger, ex);   // the next tick tries again; a busy database must not stop the checks for good
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    /// <summary>Checks every open session now; returns how many it ended.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var open = sessions.Snapshot();
        if (open.Count == 0)
        {
            return 0;
        }
        var tokenIds = open.Select(s => s.Credential.TokenId).OfType<long>().Distinct().ToList();
        var userIds = open.Select(s => s.Credential.UserId).OfType<long>().Distinct().ToList();
        var liveTokens = await credentials.LiveTokensAsync(tokenIds, cancellationToken);
        var stamps = await credentials.EnabledStampsAsync(userIds, cancellationToken);
        var ended = 0;
        foreach (var session in open.Where(s => !s.Credential.Holds(liveTokens, stamps)))
        {
            session.End();
            ended++;
        }
        if (ended > 0)
        {
            SessionsEnded(logger, ended, open.Count);
        }
        return ended;
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Ended {Ended} of {Open} open sessions: their token was revoked, their account disabled or its password changed")]
    private static partial void SessionsEnded(ILogger logger, int ended, int open);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Checking the open sessions failed; trying again at the next interval")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
