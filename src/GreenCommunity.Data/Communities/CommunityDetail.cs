using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Data.Communities;

/// <summary>A community on a day: its stage, whether it has been a pilot, its criteria, and how it got there.</summary>
public sealed record CommunityDetail(string Code, string Name, string County, string Locality, Stage Stage, bool Pilot,
    IReadOnlyDictionary<int, double> Criteria, IReadOnlyList<StageHistoryEntry> History);

/// <summary>One stage change: when it took effect, the stage, and the report that said so.</summary>
public sealed record StageHistoryEntry(DateOnly Effective, Stage Stage, string ReportId);
