using System.Security.Claims;
using GreenCommunity.Data.Audit;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>
/// Writes audit entries with the actor and address taken from the request or the circuit's user, and logs each as a
/// structured event (the audit table is for the province's administrators; the log is for whoever runs the server).
/// </summary>
public sealed partial class AuditRecorder(AuditLog log, TimeProvider clock, ILogger<AuditRecorder> logger)
{
    public Task RecordAsync(ClaimsPrincipal? user, string? address, string action, string? target, AuditOutcome outcome, string? detail, CancellationToken cancellationToken = default) =>
        RecordAsync(user.Actor(), address, action, target, outcome, detail, cancellationToken);

    public Task RecordAsync(Actor actor, string action, string? target, AuditOutcome outcome, string? detail, CancellationToken cancellationToken = default) =>
        RecordAsync(actor.Name, actor.Address, action, target, outcome, detail, cancellationToken);

    public Task RecordAsync(string actor, string? address, string action, string? target, AuditOutcome outcome, string? detail, CancellationToken cancellationToken = default)
    {
        Log(actor, address, action, target, outcome, detail);
        return log.WriteAsync(new AuditEntry(clock.GetUtcNow(), actor, address, action, target, outcome, detail), cancellationToken);
    }

    /// <summary>Logs an entry that was written elsewhere: a stored report's audit row goes into the store with the report, in one transaction.</summary>
    public void Logged(Actor actor, string action, string? target, AuditOutcome outcome, string? detail) =>
        Log(actor.Name, actor.Address, action, target, outcome, detail);

    private void Log(string actor, string? address, string action, string? target, AuditOutcome outcome, string? detail)
    {
        switch (action, outcome)
        {
            case ("report.submit", AuditOutcome.Allowed):
                ReportStored(logger, target, actor, address, detail);
                break;
            case ("report.submit", _):
                ReportRefused(logger, target, actor, address, detail);
                break;
            case ("sign-in", AuditOutcome.Refused) when detail == nameof(Data.Access.SignInStatus.LockedOut):
                SignInLockedOut(logger, target, address);
                break;
            case ("sign-in" or "display.sign-in", AuditOutcome.Refused):
                SignInFailed(logger, target, address, detail);
                break;
            case ("token.issue" or "token.issue-display", AuditOutcome.Allowed):
                TokenIssued(logger, target, detail, actor);
                break;
            case ("token.revoke", AuditOutcome.Allowed):
                TokenRevoked(logger, target, actor);
                break;
            default:
                Audited(logger, action, target, outcome, actor, address, detail);
                break;
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Report stored: {Target} from {Actor} ({Address}): {Detail}")]
    private static partial void ReportStored(ILogger logger, string? target, string actor, string? address, string? detail);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Report refused: {Target} from {Actor} ({Address}): {Detail}")]
    private static partial void ReportRefused(ILogger logger, string? target, string actor, string? address, string? detail);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Sign-in refused for {UserName} from {Address}: {Reason}")]
    private static partial void SignInFailed(ILogger logger, string? userName, string? address, string? reason);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Account {UserName} is locked out after repeated wrong passwords (last attempt from {Address})")]
    private static partial void SignInLockedOut(ILogger logger, string? userName, string? address);

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "API token issued: {Token} for scope {Scope} by {Actor}")]
    private static partial void TokenIssued(ILogger logger, string? token, string? scope, string actor);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "API token revoked: {Token} by {Actor}")]
    private static partial void TokenRevoked(ILogger logger, string? token, string actor);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Audit {Action} on {Target}: {Outcome} by {Actor} ({Address}) {Detail}")]
    private static partial void Audited(ILogger logger, string action, string? target, AuditOutcome outcome, string actor, string? address, string? detail);
}

/// <summary>Who acts and from where, for the intake and the admin services (which have no HttpContext in a circuit).</summary>
public sealed record Actor(string Name, string? Address)
{
    public static Actor From(ClaimsPrincipal? user, string? address) => new(user.Actor(), address);

    public static Actor From(HttpContext context) => new(context.User.Actor(), context.Connection.RemoteIpAddress?.ToString());
}
