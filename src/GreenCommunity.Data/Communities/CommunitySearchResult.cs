using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Data.Communities;

/// <summary>A community found by name or code, with where it is and where it stands now.</summary>
public sealed record CommunitySearchResult(string Code, string Name, string County, string Town, Stage Stage)
{
    public override string ToString() => $"{Name}（{County}·{Town}）{Code}";
}
