using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Reports;

/// <summary>How a report arrived: who sent it, when, its raw body, and the idempotency key it carried.</summary>
/// <param name="Body">The JSON as received; when null the report is stored in the API's canonical shape.</param>
/// <param name="ReportId">A fixed id (the demo's, deterministic); when null a new one is made.</param>
/// <param name="AuditActor">Who sent it ("user:wuhan", "token:7"), for the audit row written in the report's own transaction.</param>
/// <param name="Sender">The account or API token that sent it, checked again in the write transaction; null for the app's own reports (the demo).</param>
public sealed record ReportReceipt(SubmitterScope Scope, DateTimeOffset ReceivedAt, string? Body = null, string? ReportId = null, IdempotencyClaim? Idempotency = null,
    string? AuditActor = null, string? AuditAddress = null, SubmittingAccount? Sender = null);

/// <summary>An Idempotency-Key as one client sent it, with the hash of the request it came with.</summary>
public sealed record IdempotencyClaim(string Client, string Key, string RequestHash);
