using System.Text.Json.Serialization;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Progress;

namespace GreenCommunity.Dashboard.Contracts;

/// <summary>The 201 answer to a report (and, for a repeated key, the same answer again).</summary>
public sealed record ReportAcknowledgement(string ReportId, DateTimeOffset ReceivedAt, DateTimeOffset Deadline, bool OnTime, int Applied)
{
    public static ReportAcknowledgement From(StoredReport report) => new(report.ReportId,
        report.ReceivedAt.ToOffset(ChinaTime.Offset), report.Deadline.ToOffset(ChinaTime.Offset), report.OnTime, report.Applied);
}

/// <summary>One line of the report list.</summary>
public sealed record ReportListItem(string ReportId, string Locality, string Kind, string Period, DateTimeOffset ReceivedAt, DateTimeOffset Deadline, bool OnTime, int Applied)
{
    public static ReportListItem From(StoredReport r) => new(r.ReportId, r.Locality, r.Kind, r.Period,
        r.ReceivedAt.ToOffset(ChinaTime.Offset), r.Deadline.ToOffset(ChinaTime.Offset), r.OnTime, r.Applied);
}

public sealed record ReportPage(long Total, int Page, int PageSize, IReadOnlyList<ReportListItem> Items);

/// <summary>A region's figures on a day; children are listed one level down (without their own children).</summary>
public sealed record RegionSummary(string Scope, string Name, string NameEn, DateOnly AsOf, int Communities, int NotStarted, int Pilot, int InProgress, int Accepted,
    double StartedRate, double AcceptedRate, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RegionSummary>? Children)
{
    public static RegionSummary From(RegionProgress node, DateOnly asOf, bool withChildren) => new(
        node.Region.Code, node.Region.Name, node.Region.NameEn, asOf, node.Figures.Communities, node.Figures.NotStarted, node.Figures.Pilot,
        node.Figures.InProgress, node.Figures.Accepted, node.Figures.StartedRate, node.Figures.AcceptedRate,
        withChildren ? node.Children.Select(c => From(c, asOf, withChildren: false)).ToList() : null);
}

/// <summary>A community on a day; stages are written by their API names (in_progress) by the enum's converter.</summary>
public sealed record CommunityResponse(string Code, string Name, string County, string Locality, DateOnly AsOf, Stage Stage, bool Pilot,
    IReadOnlyDictionary<string, object> Criteria, IReadOnlyList<CommunityHistoryItem> History);

public sealed record CommunityHistoryItem(DateOnly Effective, Stage Stage, string ReportId);
