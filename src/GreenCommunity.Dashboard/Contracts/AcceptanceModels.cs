using System.Text.Json;
using System.Text.Json.Serialization;
using GreenCommunity.Data.Acceptance;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Dashboard.Contracts;

public sealed record AcceptanceRequestList(int Total, IReadOnlyList<AcceptanceRequestItem> Items);

/// <summary>An acceptance request as the API shows it: times in China Standard Time, days waiting or taken to decide.</summary>
public sealed record AcceptanceRequestItem(string RequestId, string Locality, string LocalityName, string LocalityNameEn, string? Note,
    DateTimeOffset RequestedAt, string RequestedBy, string Status, DateTimeOffset? DecidedAt, double Days, IReadOnlyList<AcceptanceCommunityItem> Communities)
{
    public static AcceptanceRequestItem From(AcceptanceRequestRecord r, DateTimeOffset now) => new(r.RequestId, r.Locality, r.LocalityName, r.LocalityNameEn, r.Note,
        r.RequestedAt.ToOffset(ChinaTime.Offset), r.RequestedBy, r.IsDecided ? "decided" : "pending", r.DecidedAt?.ToOffset(ChinaTime.Offset),
        Math.Round(((r.DecidedAt ?? now) - r.RequestedAt).TotalDays, 1),
        r.Communities.Select(AcceptanceCommunityItem.From).ToList());
}

/// <summary>One community of a request: waiting, accepted or returned; the criteria as reviewed and the reason.</summary>
public sealed record AcceptanceCommunityItem(string Community, string Name, string County, Stage Stage, string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Criteria,
    string? Reason, DateTimeOffset? DecidedAt, string? ReportId)
{
    public static AcceptanceCommunityItem From(AcceptanceCommunityRecord c) => new(c.Code, c.Name, c.CountyName, (Stage)c.Stage,
        c.Accepted switch { null => "waiting", true => "accepted", false => "returned" },
        c.Review is null ? null : JsonDocument.Parse(c.Review).RootElement.Clone(),
        c.Reason, c.DecidedAt?.ToOffset(ChinaTime.Offset), c.ReportId);
}
