using System.Text.Json;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Intake;

/// <summary>
/// What the JSON reader lets through but a report must not carry: a field given twice (which value was meant?),
/// text that is not Unicode (an invalid UTF-8 byte, a lone surrogate escape), which would fail only when read, long after
/// the report was stored, and control characters (NUL and the like) in text. Checked over the whole document before it is read, with the path of each.
/// </summary>
public static class JsonSoundness
{
    public static void Check(JsonElement element, string path, ValidationErrors errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(element, path, errors);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, $"{path}[{i++}]", errors);
                }
                break;
            case JsonValueKind.String when !IsText(element):
                errors.Add(path.Length == 0 ? "$" : path, ReportProblemCodes.InvalidText);
                break;
        }
    }

    private static void CheckObject(JsonElement element, string path, ValidationErrors errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var prefix = path.Length == 0 ? "" : path + ".";
        foreach (var property in element.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                errors.Add(path.Length == 0 ? "$" : path, ReportProblemCodes.InvalidText);
                continue;
            }
            if (name.Any(IsForbiddenControl))
            {
                errors.Add(path.Length == 0 ? "$" : path, ReportProblemCodes.InvalidText);
                continue;
            }
            if (!seen.Add(name))
            {
                errors.Add(prefix + name, ReportProblemCodes.DuplicateField);
                continue;
            }
            Check(property.Value, prefix + name, errors);
        }
    }

    /// <summary>NUL and the other C0 controls but tab and line breaks: no report's text needs them, and exports and logs break on them.</summary>
    private static bool IsForbiddenControl(char c) => c < ' ' && c is not ('\t' or '\n' or '\r');

    private static bool IsText(JsonElement element)
    {
        try
        {
            return !element.GetString()!.Any(IsForbiddenControl);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
