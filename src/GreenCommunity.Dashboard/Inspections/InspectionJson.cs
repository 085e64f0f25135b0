using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GreenCommunity.Data.Inspections;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Dashboard.Inspections;

/// <summary>An inspection on the wire (the answer to a write, stored for its replay, and each item of the list).</summary>
public sealed record InspectionResponse(
    string InspectionId,
    string Community,
    string CommunityName,
    string Locality,
    Stage Stage,
    DateOnly Date,
    string Inspectors,
    DateOnly? RectifyBy,
    DateTimeOffset RecordedAt,
    bool Open,
    bool Overdue,
    int DaysOverdue,
    bool Discrepancy,
    SortedDictionary<int, FindingResponse> Findings)
{
    public static InspectionResponse From(InspectionView view) => new(view.InspectionId, view.Community, view.CommunityName, view.Locality, view.Stage,
        view.Date, view.Inspectors, view.RectifyBy, view.RecordedAt.ToOffset(ChinaTime.Offset), view.Open, view.Overdue, view.DaysOverdue, view.Discrepancy,
        new(view.Findings.ToDictionary(f => f.Criterion, FindingResponse.From)));
}

/// <summary>A finding and the locality's answer (null until answered).</summary>
public sealed record FindingResponse(bool Met, string? Note, bool Open, DateOnly? RectifiedOn, string? RectificationNote, DateTimeOffset? AnsweredAt)
{
    public static FindingResponse From(FindingView finding) => new(finding.Met, finding.Note, finding.Open, finding.RectifiedOn, finding.RectificationNote,
        finding.AnsweredAt?.ToOffset(ChinaTime.Offset));
}

/// <summary>The list: how many, and each inspection, latest visit first.</summary>
public sealed record InspectionList(int Total, IReadOnlyList<InspectionResponse> Items);

public static class InspectionJson
{
    /// <summary>camelCase; Chinese text readable; no nulls, so an unanswered finding has no answer's fields.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(InspectionView view) => JsonSerializer.Serialize(InspectionResponse.From(view), Options);
}
