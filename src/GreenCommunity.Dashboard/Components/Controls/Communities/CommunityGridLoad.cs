using GreenCommunity.Dashboard.Communities;

namespace GreenCommunity.Dashboard.Components.Controls.Communities;

/// <summary>What the grid loaded: the list's parameters with its page, size and sort, and how many communities match.</summary>
public sealed record CommunityGridLoad(CommunityListParameters Parameters, long Total);
