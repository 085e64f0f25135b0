using System.Globalization;
using System.Text.Json;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Domain.Inspections;

/// <summary>Reads the fields of an inspection's JSON, each problem at its path; a field in error reads as null.</summary>
internal static class InspectionJsonFields
{
    /// <summary>Refuses every field not in <paramref name="known"/>.</summary>
    public static void RefuseUnknown(JsonElement obj, string prefix, IReadOnlyCollection<string> known, ValidationErrors errors)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                errors.Add(prefix + property.Name, ReportProblemCodes.UnknownField);
            }
        }
    }

    /// <summary>Text, trimmed; null when absent or null (then <paramref name="required"/> says whether that is a problem).</summary>
    public static string? Text(JsonElement obj, string name, string path, bool required, int maxLength, ValidationErrors errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(path, ReportProblemCodes.Required);
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(path, ReportProblemCodes.NotAString);
            return null;
        }
        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                errors.Add(path, ReportProblemCodes.Required);
            }
            return null;
        }
        if (text.Length > maxLength)
        {
            errors.Add(path, ReportProblemCodes.TooLong, maxLength);
            return null;
        }
        return text;
    }

    public static DateOnly? Day(JsonElement obj, string name, string path, bool required, ValidationErrors errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(path, ReportProblemCodes.Required);
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String || !IsoDay.TryParse(value.GetString(), out var day))
        {
            errors.Add(path, ReportProblemCodes.InvalidDate);
            return null;
        }
        return day;
    }

    public static bool? YesNo(JsonElement obj, string name, string path, ValidationErrors errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
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

    /// <summary>The entries of an object keyed by criterion ("1".."16", written as the plain number).</summary>
    public static IEnumerable<(int Criterion, string Path, JsonElement Value)> ByCriterion(JsonElement obj, string prefix, ValidationErrors errors)
    {
        foreach (var property in obj.EnumerateObject())
        {
            var path = $"{prefix}.{property.Name}";
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var criterion)
                || criterion is < 1 or > GreenCommunityStandard.CriterionCount
                || criterion.ToString(CultureInfo.InvariantCulture) != property.Name)
            {
                errors.Add(path, ReportProblemCodes.UnknownCriterion);
                continue;
            }
            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                errors.Add(path, ReportProblemCodes.NotAnObject);
                continue;
            }
            yield return (criterion, path, property.Value);
        }
    }
}
