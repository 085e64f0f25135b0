using GreenCommunity.Data.Communities;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Dashboard.Contracts;

/// <summary>GET /api/v1/communities: one page of the list and how many match in all.</summary>
public sealed record CommunityListResponse(long Total, int Page, int PageSize, IReadOnlyList<CommunityListItem> Items);

/// <summary>
/// One community of the list: where it is (code and name of its county-level unit and town), its stage today and the day it
/// took effect, how many of the 16 criteria it meets, and the last report that named it (null when none has).
/// </summary>
public sealed record CommunityListItem(string Code, string Name, PlaceName County, PlaceName Town, string Locality, Stage Stage, bool Pilot,
    DateOnly? Since, int CriteriaMet, CommunityLastReport? LastReport)
{
    public static CommunityListItem From(CommunityListRow row) => new(row.Code, row.Name, new PlaceName(row.CountyCode, row.CountyName),
        new PlaceName(row.TownCode, row.TownName), row.Locality, row.Stage, row.Pilot, row.Since, row.CriteriaMet,
        row.LastReport is { } last ? new CommunityLastReport(last.ReportId, last.Period, last.ReceivedAt.ToOffset(ChinaTime.Offset)) : null);
}

public sealed record PlaceName(string Code, string Name);

public sealed record CommunityLastReport(string ReportId, string Period, DateTimeOffset ReceivedAt);
