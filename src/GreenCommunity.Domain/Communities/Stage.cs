namespace GreenCommunity.Domain.Communities;

/// <summary>Where a community stands in the creation action (未启动 → 试点/创建中 → 已验收).</summary>
public enum Stage
{
    NotStarted = 0,
    Pilot = 1,
    InProgress = 2,
    Accepted = 3,
}

public static class StageNames
{
    /// <summary>The wire names the report API uses.</summary>
    public static string ToApiName(this Stage stage) => stage switch
    {
        Stage.NotStarted => "not_started",
        Stage.Pilot => "pilot",
        Stage.InProgress => "in_progress",
        Stage.Accepted => "accepted",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    public static bool TryParseApiName(string? name, out Stage stage)
    {
        foreach (var candidate in Enum.GetValues<Stage>())
        {
            if (string.Equals(candidate.ToApiName(), name, StringComparison.Ordinal))
            {
                stage = candidate;
                return true;
            }
        }
        stage = default;
        return false;
    }

    /// <summary>Pilot, in progress and accepted communities have all started the action.</summary>
    public static bool IsStarted(this Stage stage) => stage != Stage.NotStarted;
}
