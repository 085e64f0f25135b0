using System.Text.Json;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Intake;

/// <summary>Reading a request's fields by name, each problem added at its path: shared by every JSON door of the API.</summary>
public static class JsonFields
{
    /// <summary>A non-blank string, or null with "required" / "not_a_string" at <paramref name="path"/>.</summary>
    public static string? RequiredString(JsonElement element, string name, string path, ValidationErrors errors)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(path, ReportProblemCodes.Required);
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(path, ReportProblemCodes.NotAString);
            return null;
        }
        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(path, ReportProblemCodes.Required);
            return null;
        }
        return text;
    }

    /// <summary>A string of at most <paramref name="maxLength"/> characters if given; null when absent, null or blank.</summary>
    public static string? OptionalString(JsonElement element, string name, string path, int maxLength, ValidationErrors errors)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(path, ReportProblemCodes.NotAString);
            return null;
        }
        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            errors.Add(path, ReportProblemCodes.TooLong, maxLength);
            return null;
        }
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>true or false, or null with "required" / "invalid_yes_no" at <paramref name="path"/>.</summary>
    public static bool? RequiredBool(JsonElement element, string name, string path, ValidationErrors errors)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(path, ReportProblemCodes.Required);
            return null;
        }
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(path, ReportProblemCodes.InvalidYesNo);
            return null;
        }
        return value.GetBoolean();
    }

    /// <summary>Every field not in <paramref name="known"/>, as "unknown_field" at its path.</summary>
    public static void UnknownFields(JsonElement element, IReadOnlySet<string> known, string prefix, ValidationErrors errors)
    {
        foreach (var property in element.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            errors.Add(prefix + property.Name, ReportProblemCodes.UnknownField);
        }
    }
}
