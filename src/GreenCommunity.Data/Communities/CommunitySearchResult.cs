using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Data.Communities;

/// <summary>A community found by name or code, with where it is and where it stands now (and whether it has ever been a pilot, which the stage rules ask).</summary>
public sealed record CommunitySearchResult(string Code, string Name, string County, string Town, Stage Stage, bool WasPilot)
{
    public override string ToString() => $"{Name}（{County}·{Town}）{Code}";
}
