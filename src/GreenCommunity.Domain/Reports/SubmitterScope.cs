namespace GreenCommunity.Domain.Reports;

/// <summary>Who is sending: the province (may accept communities) or one locality (may report only for itself).</summary>
public sealed record SubmitterScope(string? LocalityCode)
{
    /// <summary>How the province signs its own reports (acceptance rounds): 湖北省住房和城乡建设厅.</summary>
    public const string ProvinceDepartment = "湖北省住房和城乡建设厅";

    public static SubmitterScope Province { get; } = new((string?)null);

    public static SubmitterScope ForLocality(string code) => new(code);

    public bool IsProvince => LocalityCode is null;

    public bool Covers(string locality) => IsProvince || string.Equals(LocalityCode, locality, StringComparison.Ordinal);
}
