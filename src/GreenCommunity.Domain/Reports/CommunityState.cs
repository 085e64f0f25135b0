using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Domain.Reports;

/// <summary>A community as it stood on an update's effective day: its stage, whether it was ever a pilot, its criteria values.</summary>
public sealed record CommunityState(Stage Stage, bool WasPilot, IReadOnlyDictionary<int, double> Criteria)
{
    public static CommunityState NotStarted { get; } = new(Stage.NotStarted, false, new Dictionary<int, double>());
}

/// <summary>What the rules say of one update: allowed (and whether it changes anything), or refused with its problems.</summary>
public sealed record UpdateVerdict(IReadOnlyList<ReportProblem> Problems, bool Changes)
{
    public bool IsAllowed => Problems.Count == 0;

    public static UpdateVerdict Allowed(bool changes) => new([], changes);

    public static UpdateVerdict Refused(IReadOnlyList<ReportProblem> problems) => new(problems, false);
}
