using GreenCommunity.Data.Reports;

namespace GreenCommunity.Data.Actions;

/// <summary>
/// How a write other than a report arrived: what it is ("inspection.record"), who sent it and from where, when, the
/// idempotency key it carried, and the account or token whose right is checked again in the write's transaction.
/// </summary>
/// <param name="Claim">The Idempotency-Key with the hash of the request; null for the app's own writes.</param>
/// <param name="Sender">The account or token that sent it; null for the app's own writes (the demo).</param>
public sealed record ActionReceipt(string Action, string Actor, string? Address, DateTimeOffset At, IdempotencyClaim? Claim, SubmittingAccount? Sender);
