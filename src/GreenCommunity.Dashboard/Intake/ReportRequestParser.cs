using System.Globalization;
using System.Text.Json;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Dashboard.Intake;

/// <summary>
/// Reads the intake API's JSON body into a <see cref="ReportSubmission"/>, collecting every problem by JSON path
/// (e.g. "updates[3].effective") instead of stopping at the first.
/// </summary>
public static class ReportRequestParser
{
    private static readonly HashSet<string> s_reportFields = ["locality", "kind", "period", "submittedBy", "narrative", "updates"];
    private static readonly HashSet<string> s_updateFields = ["community", "stage", "effective", "criteria"];

    public const int MaxSubmittedByLength = 200;
    public const int MaxNarrativeLength = 20_000;

    public static ReportSubmission? Parse(ReadOnlySpan<byte> json, ValidationErrors errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            errors.Add("$", $"Not valid JSON: {ex.Message}");
            return null;
        }
        using (document)
        {
            return Parse(document.RootElement, errors);
        }
    }

    private static ReportSubmission? Parse(JsonElement root, ValidationErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "The report must be a JSON object.");
            return null;
        }
        UnknownFields(root, s_reportFields, "", errors);
        var locality = RequiredString(root, "locality", "locality", errors);
        var kindText = RequiredString(root, "kind", "kind", errors);
        ReportKind? kind = null;
        if (kindText is not null)
        {
            if (ReportKindNames.TryParseApiName(kindText, out var k))
            {
                kind = k;
            }
            else
            {
                errors.Add("kind", "One of monthly, annual, plan.");
            }
        }
        var periodText = RequiredString(root, "period", "period", errors);
        ReportPeriod? period = null;
        if (periodText is not null && kind is not null)
        {
            if (ReportPeriod.TryParse(periodText, kind == ReportKind.Monthly, out var p))
            {
                period = p;
            }
            else
            {
                errors.Add("period", kind == ReportKind.Monthly ? "A monthly report's period is YYYY-MM." : "An annual report's or a plan's period is YYYY.");
            }
        }
        var submittedBy = RequiredString(root, "submittedBy", "submittedBy", errors);
        if (submittedBy is { Length: > MaxSubmittedByLength })
        {
            errors.Add("submittedBy", $"At most {MaxSubmittedByLength} characters.");
        }
        string? narrative = null;
        if (root.TryGetProperty("narrative", out var n) && n.ValueKind != JsonValueKind.Null)
        {
            if (n.ValueKind != JsonValueKind.String)
            {
                errors.Add("narrative", "Must be a string.");
            }
            else if ((narrative = n.GetString()!).Length > MaxNarrativeLength)
            {
                errors.Add("narrative", $"At most {MaxNarrativeLength} characters.");
            }
        }
        var updates = new List<CommunityUpdate>();
        if (!root.TryGetProperty("updates", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add("updates", "Required: an array (it may be empty).");
        }
        else
        {
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (ParseUpdate(item, $"updates[{i}]", errors) is { } update)
                {
                    updates.Add(update);
                }
                i++;
            }
        }
        return locality is null || kind is null || period is null || submittedBy is null || !errors.IsEmpty
            ? null
            : new ReportSubmission(locality, kind.Value, period.Value, submittedBy, narrative, updates);
    }

    private static CommunityUpdate? ParseUpdate(JsonElement item, string path, ValidationErrors errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "Must be an object.");
            return null;
        }
        UnknownFields(item, s_updateFields, path + ".", errors);
        var community = RequiredString(item, "community", $"{path}.community", errors);
        Stage? stage = null;
        if (item.TryGetProperty("stage", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            if (s.ValueKind == JsonValueKind.String && StageNames.TryParseApiName(s.GetString(), out var parsed))
            {
                stage = parsed;
            }
            else
            {
                errors.Add($"{path}.stage", "One of not_started, pilot, in_progress, accepted.");
            }
        }
        DateOnly? effective = null;
        var effectiveText = RequiredString(item, "effective", $"{path}.effective", errors);
        if (effectiveText is not null)
        {
            if (IsoDay.TryParse(effectiveText, out var day))
            {
                effective = day;
            }
            else
            {
                errors.Add($"{path}.effective", "A date, YYYY-MM-DD.");
            }
        }
        var criteria = ParseCriteria(item, path, errors);
        return community is null || effective is null ? null : new CommunityUpdate(community, stage, effective.Value, criteria);
    }

    private static Dictionary<int, double> ParseCriteria(JsonElement item, string path, ValidationErrors errors)
    {
        var criteria = new Dictionary<int, double>();
        if (!item.TryGetProperty("criteria", out var c) || c.ValueKind == JsonValueKind.Null)
        {
            return criteria;
        }
        if (c.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}.criteria", "An object keyed \"1\"..\"16\".");
            return criteria;
        }
        foreach (var property in c.EnumerateObject())
        {
            var key = $"{path}.criteria.{property.Name}";
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || number is < 1 or > GreenCommunityStandard.CriterionCount || property.Name != number.ToString(CultureInfo.InvariantCulture))
            {
                errors.Add(key, "The standard has criteria \"1\" to \"16\".");
                continue;
            }
            var criterion = GreenCommunityStandard.Get(number);
            var value = property.Value;
            if (criterion.IsShare)
            {
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var share) && criterion.IsValidValue(share))
                {
                    criteria[number] = share;
                }
                else
                {
                    errors.Add(key, "A fraction from 0 to 1 (met from 0.30).");
                }
            }
            else if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                criteria[number] = value.GetBoolean() ? 1.0 : 0.0;
            }
            else
            {
                errors.Add(key, "true or false.");
            }
        }
        return criteria;
    }

    private static string? RequiredString(JsonElement element, string name, string path, ValidationErrors errors)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(path, "Required.");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(path, "Must be a string.");
            return null;
        }
        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(path, "Required.");
            return null;
        }
        return text;
    }

    private static void UnknownFields(JsonElement element, HashSet<string> known, string prefix, ValidationErrors errors)
    {
        foreach (var property in element.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            errors.Add(prefix + property.Name, "Unknown field.");
        }
    }
}
