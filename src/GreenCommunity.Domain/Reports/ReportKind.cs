namespace GreenCommunity.Domain.Reports;

/// <summary>What a locality sends: monthly progress (每月25日前), the annual report (11月30日前), the implementation plan.</summary>
public enum ReportKind
{
    Monthly,
    Annual,
    Plan,
}

public static class ReportKindNames
{
    public static string ToApiName(this ReportKind kind) => kind switch
    {
        ReportKind.Monthly => "monthly",
        ReportKind.Annual => "annual",
        ReportKind.Plan => "plan",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParseApiName(string? name, out ReportKind kind)
    {
        foreach (var candidate in Enum.GetValues<ReportKind>())
        {
            if (string.Equals(candidate.ToApiName(), name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
