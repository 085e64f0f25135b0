using System.Security.Claims;
using GreenCommunity.Data.Audit;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>Writes audit entries with the actor and address taken from the request or the circuit's user.</summary>
public sealed class AuditRecorder(AuditLog log, TimeProvider clock)
{
    public Task RecordAsync(ClaimsPrincipal? user, string? address, string action, string? target, AuditOutcome outcome, string? detail, CancellationToken cancellationToken = default) =>
        log.WriteAsync(new AuditEntry(clock.GetUtcNow(), user.Actor(), address, action, target, outcome, detail), cancellationToken);

    public Task RecordAsync(Actor actor, string action, string? target, AuditOutcome outcome, string? detail, CancellationToken cancellationToken = default) =>
        RecordAsync(actor.Name, actor.Address, action, target, outcome, detail, cancellationToken);

    public Task RecordAsync(string actor, string? address, string action, string? target, AuditOutcome outcome, string? detail, CancellationToken cancellationToken = default) =>
        log.WriteAsync(new AuditEntry(clock.GetUtcNow(), actor, address, action, target, outcome, detail), cancellationToken);
}

/// <summary>Who acts and from where, for the intake and the admin services (which have no HttpContext in a circuit).</summary>
public sealed record Actor(string Name, string? Address)
{
    public static Actor From(ClaimsPrincipal? user, string? address) => new(user.Actor(), address);

    public static Actor From(HttpContext context) => new(context.User.Actor(), context.Connection.RemoteIpAddress?.ToString());
}
