namespace GreenCommunity.Domain.Reports;

/// <summary>Who is sending: the province (may accept communities) or one locality (may report only for itself).</summary>
public sealed record SubmitterScope(string? LocalityCode)
{
    public static SubmitterScope Province { get; } = new((string?)null);

    public static SubmitterScope ForLocality(string code) => new(code);

    public bool IsProvince => LocalityCode is null;

    public bool Covers(string locality) => IsProvince || string.Equals(LocalityCode, locality, StringComparison.Ordinal);
}
