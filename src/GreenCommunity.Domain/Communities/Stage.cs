using System.Text.Json.Serialization;

namespace GreenCommunity.Domain.Communities;

/// <summary>Where a community stands in the creation action (未启动 → 试点/创建中 → 已验收); in JSON by its API name.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<Stage>))]
public enum Stage
{
    NotStarted = 0,
    Pilot = 1,
    InProgress = 2,
    Accepted = 3,
}

public static class StageNames
{
    /// <summary>The wire name the report API uses: not_started, pilot, in_progress, accepted.</summary>
    public static string ToApiName(this Stage stage) => ApiNames.Of(stage);

    /// <summary>Exactly a wire name (case-sensitive); <see cref="TryParse"/> is the lenient form for people.</summary>
    public static bool TryParseApiName(string? name, out Stage stage) => ApiNames.TryParse(name, out stage);

    /// <summary>How people write the stages in Chinese: 未启动 / 试点 / 创建中 / 已验收 (the Excel template's words).</summary>
    public static string ChineseLabel(this Stage stage) => stage switch
    {
        Stage.NotStarted => "未启动",
        Stage.Pilot => "试点",
        Stage.InProgress => "创建中",
        Stage.Accepted => "已验收",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    /// <summary>A stage by its wire name or its Chinese label.</summary>
    public static bool TryParse(string? text, out Stage stage)
    {
        var trimmed = text?.Trim();
        foreach (var candidate in Enum.GetValues<Stage>())
        {
            if (string.Equals(candidate.ToApiName(), trimmed, StringComparison.OrdinalIgnoreCase) || string.Equals(candidate.ChineseLabel(), trimmed, StringComparison.Ordinal))
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
