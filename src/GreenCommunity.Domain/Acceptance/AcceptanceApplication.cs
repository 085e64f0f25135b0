namespace GreenCommunity.Domain.Acceptance;

/// <summary>A locality's application for acceptance (验收) of the communities it judges ready.</summary>
public sealed record AcceptanceApplication(string Locality, IReadOnlyList<string> Communities, string? Note);

/// <summary>One criterion as the province's reviewers found it, with their remark.</summary>
public sealed record CriterionReview(bool Met, string? Remark);

/// <summary>The province's decision on one community of a request: the 16 criteria as reviewed, accepted or returned, and why.</summary>
public sealed record AcceptanceDecision(string Community, IReadOnlyDictionary<int, CriterionReview> Criteria, bool Accepted, string? Reason)
{
    /// <summary>The criteria the reviewers found not met, in order.</summary>
    public IReadOnlyList<int> Unmet => Criteria.Where(c => !c.Value.Met).Select(c => c.Key).Order().ToList();
}
