namespace GreenCommunity.Domain.Standard;

/// <summary>One criterion of the standard. Most are met or not; a few are a share with a threshold.</summary>
/// <param name="Threshold">For a share criterion the lowest value that meets it; null for a yes/no criterion.</param>
public sealed record Criterion(int Number, CriterionGroup Group, string Text, string ShortEn, double? Threshold = null)
{
    public bool IsShare => Threshold is not null;

    /// <summary>Whether an assessed value meets the criterion: 1/0 for yes/no, a fraction 0..1 for a share.</summary>
    public bool IsMet(double value) => IsShare ? value >= Threshold!.Value : value >= 1.0;

    /// <summary>A value is valid when it is 0 or 1 for yes/no, or within 0..1 for a share.</summary>
    public bool IsValidValue(double value) =>
        IsShare ? value is >= 0.0 and <= 1.0 && !double.IsNaN(value) : value is 0.0 or 1.0;
}
