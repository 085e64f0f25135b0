using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Data.Communities;

/// <summary>One line of the community list: where the community is, where it stands today, since when, and its last report.</summary>
public sealed record CommunityListRow(string Code, string Name, string CountyCode, string CountyName, string TownCode, string TownName, string Locality,
    Stage Stage, bool Pilot, DateOnly? Since, int CriteriaMet, LastReportRef? LastReport);

/// <summary>The last report that named a community: its id (for <c>/reports/{id}</c>), its period and when it arrived.</summary>
public sealed record LastReportRef(string ReportId, string Period, DateTimeOffset ReceivedAt);

/// <summary>A page of the list and how many communities match in all.</summary>
public sealed record CommunityListPage(long Total, IReadOnlyList<CommunityListRow> Items);
