namespace GreenCommunity.Domain.Inspections;

/// <summary>A locality's answer to a finding: rectified on <paramref name="Date"/>, with its note.</summary>
public sealed record FindingAnswer(int Criterion, string? Note, DateOnly Date);

/// <summary>A finding as it stands in the store, what an answer is checked against.</summary>
public sealed record StoredFinding(int Criterion, bool Met, DateOnly? RectifiedOn)
{
    /// <summary>Open: found not met and not yet answered as rectified.</summary>
    public bool IsOpen => !Met && RectifiedOn is null;
}
