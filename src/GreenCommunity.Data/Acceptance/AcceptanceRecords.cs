namespace GreenCommunity.Data.Acceptance;

/// <summary>A request as the queue pages and the API show it, with each community's place in it.</summary>
public sealed record AcceptanceRequestRecord(long Id, string RequestId, string Locality, string LocalityName, string LocalityNameEn, string? Note,
    DateTimeOffset RequestedAt, string RequestedBy, DateTimeOffset? DecidedAt, IReadOnlyList<AcceptanceCommunityRecord> Communities)
{
    public bool IsDecided => DecidedAt is not null;

    public int Waiting => Communities.Count(c => c.Accepted is null);
}

/// <summary>One community of a request: waiting (<see cref="Accepted"/> null), accepted or returned, with the review and the reason.</summary>
/// <param name="Review">The 16 criteria as reviewed, JSON <c>{"1":{"met":true,"remark":null},…}</c>; null while waiting.</param>
/// <param name="ReportId">The province's report that made the community 已验收.</param>
public sealed record AcceptanceCommunityRecord(string Code, string Name, string CountyName, int Stage, bool? Accepted, string? Review,
    string? Reason, DateTimeOffset? DecidedAt, string? DecidedBy, string? ReportId);

/// <summary>A community an application names, as the store has it now, for the rules to judge.</summary>
/// <param name="WaitingIn">The request it already waits in, if any.</param>
public sealed record ApplicationFact(string Code, string Locality, long Stage, string? WaitingIn);

/// <summary>The queue at a glance: requests and communities waiting, the oldest waiting since when, and how long decisions took.</summary>
public sealed record AcceptanceQueueSummary(long WaitingRequests, long WaitingCommunities, DateTimeOffset? OldestWaitingSince, double? AverageDaysToDecision, long Decided);

/// <summary>A community its locality may apply for, with how many of the 16 criteria it meets now.</summary>
public sealed record AcceptanceCandidate(string Code, string Name, string CountyName, long Stage, long CriteriaMet);
