using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GreenCommunity.Domain;

/// <summary>
/// Writes and reads an enum as its API name, the snake_case of the member's name (NotStarted → not_started), by
/// System.Text.Json's own naming policy: <c>[JsonConverter(typeof(SnakeCaseEnumConverter&lt;Stage&gt;))]</c>. A class
/// of its own because the generic attribute form of <see cref="JsonStringEnumConverter{TEnum}"/> cannot take a policy.
/// </summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(ApiNames.Policy, allowIntegerValues: false)
    where TEnum : struct, Enum;

/// <summary>
/// The same names outside JSON: the reports.kind column, the problems' English texts, the API's strict parsing.
/// </summary>
public static class ApiNames
{
    /// <summary>The one source of the names, shared with <see cref="SnakeCaseEnumConverter{TEnum}"/>.</summary>
    public static JsonNamingPolicy Policy => JsonNamingPolicy.SnakeCaseLower;

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Names<TEnum>.ByValue.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    /// <summary>
    /// Exactly an API name, case-sensitive. Hand-written because the converter reads leniently: it also takes
    /// "InProgress", "inprogress", " in_progress" and even "in_progress, pilot" (read as flags), which the API refuses.
    /// </summary>
    public static bool TryParse<TEnum>(string? name, out TEnum value)
        where TEnum : struct, Enum
    {
        if (name is not null && Names<TEnum>.ByName.TryGetValue(name, out value))
        {
            return true;
        }
        value = default;
        return false;
    }

    private static class Names<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => Policy.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> ByName =
            ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
