namespace GreenCommunity.Data.Audit;

public enum AuditOutcome
{
    Allowed,
    Refused,
    Failed,
}

/// <summary>One write, or one attempt at a write: who, from where, what, on what, and how it ended.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string? Address, string Action, string? Target, AuditOutcome Outcome, string? Detail);

/// <summary>A filter for the audit page; null fields do not filter.</summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, AuditOutcome? Outcome = null, DateTimeOffset? From = null, DateTimeOffset? To = null);
