using System.Text.Encodings.Web;
using System.Text.Json;
using GreenCommunity.Data.Demonstration;
using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Dashboard.Contracts;

/// <summary>
/// A demonstration base (示范教育基地) as the API gives it: the community, where it is, the description, when and by whom it
/// was designated and, once withdrawn, when, by whom and why (withdrawn bases stay readable: the history is kept).
/// </summary>
public sealed record DemonstrationBaseItem(string Community, string Name, string Locality, PlaceName County, string Description,
    DateOnly DesignatedOn, string DesignatedBy, bool Current, DateTimeOffset? WithdrawnAt, string? WithdrawnBy, string? WithdrawalReason)
{
    public static DemonstrationBaseItem From(DemonstrationBase b) => new(b.Community, b.Name, b.Locality, new PlaceName(b.County, b.CountyName),
        b.Description, b.DesignatedOn, b.DesignatedBy, b.IsCurrent, b.WithdrawnAt?.ToOffset(ChinaTime.Offset), b.WithdrawnBy, b.WithdrawalReason);
}

/// <summary>A locality's practice (可复制、可推广的经验做法), with the community where it was done when one is named.</summary>
public sealed record PracticeItem(string PracticeId, string Locality, string Title, string Description, string? Community, string? CommunityName,
    DateTimeOffset CreatedAt, string CreatedBy)
{
    public static PracticeItem From(Practice p) =>
        new(p.PracticeId, p.Locality, p.Title, p.Description, p.Community, p.CommunityName, p.CreatedAt.ToOffset(ChinaTime.Offset), p.CreatedBy);
}

public sealed record DemonstrationBaseList(IReadOnlyList<DemonstrationBaseItem> Items);

public sealed record PracticeList(IReadOnlyList<PracticeItem> Items);

/// <summary>The answers of the writes, serialized once when written so that a replay sends the same text.</summary>
public static class DemonstrationJson
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Base(DemonstrationBase b) => JsonSerializer.Serialize(DemonstrationBaseItem.From(b), s_options);

    public static string Practice(Practice p) => JsonSerializer.Serialize(PracticeItem.From(p), s_options);
}
