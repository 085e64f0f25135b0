using System.Text.Json.Serialization;

namespace GreenCommunity.Domain.Campaigns;

/// <summary>What a locality sends: monthly progress (每月25日前), the annual report (11月30日前), the implementation plan; in JSON by its API name.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ReportKind>))]
public enum ReportKind
{
    Monthly,
    Annual,
    Plan,
}

public static class ReportKindNames
{
    /// <summary>The wire name (monthly, annual, plan): also the text of the reports.kind column.</summary>
    public static string ToApiName(this ReportKind kind) => ApiNames.Of(kind);

    /// <summary>Exactly a wire name, case-sensitive.</summary>
    public static bool TryParseApiName(string? name, out ReportKind kind) => ApiNames.TryParse(name, out kind);
}
