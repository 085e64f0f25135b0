namespace GreenCommunity.Data.Demonstration;

/// <summary>A designation, current (<see cref="WithdrawnAt"/> null) or withdrawn.</summary>
public sealed record DemonstrationBase(string Community, string Name, string Locality, string County, string CountyName, string Description,
    DateOnly DesignatedOn, string DesignatedBy, DateTimeOffset? WithdrawnAt, string? WithdrawnBy, string? WithdrawalReason)
{
    public bool IsCurrent => WithdrawnAt is null;
}

/// <summary>A locality's practice, with the community where it was done when one is named.</summary>
public sealed record Practice(string PracticeId, string Locality, string Title, string Description, string? Community, string? CommunityName,
    DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>How many current bases a county-level unit holds (and its locality): what the map's layer counts.</summary>
public sealed record BaseCount(string Locality, string County, int Count);
