namespace GreenCommunity.Data.Demonstration;

/// <summary>
/// A designation as read from a request: each field null when it was missing or malformed (its problem is already
/// named), so that the write still checks the store for the fields that were given well and names every problem at once.
/// </summary>
public sealed record BaseDesignation(string? Community, string? Description);

/// <summary>A withdrawal: the community named in the address and the reason given.</summary>
public sealed record BaseWithdrawal(string Community, string? Reason);

/// <summary>A practice as read from a request (fields null when missing or malformed; the community is optional).</summary>
public sealed record PracticeEntry(string? Locality, string? Title, string? Description, string? Community);

/// <summary>Who writes and when (to the millisecond, so that an answer built from it reads the same when replayed).</summary>
public sealed record DemonstrationStamp(string Actor, DateTimeOffset At);
