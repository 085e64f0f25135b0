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
            errors.Add("$", ReportProblemCodes.InvalidJson, ex.Message);
            return null;
        }
        using (document)
        {
            JsonSoundness.Check(document.RootElement, "", errors);
            return errors.IsEmpty ? Parse(document.RootElement, errors) : null;
        }
    }

    private static ReportSubmission? Parse(JsonElement root, ValidationErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", ReportProblemCodes.NotAnObject);
            return null;
        }
        UnknownFields(root, s_reportFields, "", errors);
        var locality = RequiredString(root, "locality", "locality", errors);
        var kind = ReadKind(root, errors);
        var period = kind is null ? null : ReadPeriod(root, kind.Value, errors);
        var submittedBy = RequiredString(root, "submittedBy", "submittedBy", errors);
        if (submittedBy is { Length: > MaxSubmittedByLength })
        {
            errors.Add("submittedBy", ReportProblemCodes.TooLong, MaxSubmittedByLength);
        }
        var narrative = ReadNarrative(root, errors);
        var updates = ReadUpdates(root, errors);
        return locality is null || kind is null || period is null || submittedBy is null || !errors.IsEmpty
            ? null
            : new ReportSubmission(locality, kind.Value, period.Value, submittedBy, narrative, updates);
    }

    private static ReportKind? ReadKind(JsonElement root, ValidationErrors errors)
    {
        var kindText = RequiredString(root, "kind", "kind", errors);
        if (kindText is null)
        {
            return null;
        }
        if (ReportKindNames.TryParseApiName(kindText, out var k))
        {
            return k;
        }
        errors.Add("kind", ReportProblemCodes.InvalidKind);
        return null;
    }

    private static ReportPeriod? ReadPeriod(JsonElement root, ReportKind kind, ValidationErrors errors)
    {
        var periodText = RequiredString(root, "period", "period", errors);
        if (periodText is null)
        {
            return null;
        }
        if (ReportPeriod.TryParse(periodText, kind == ReportKind.Monthly, out var period))
        {
            return period;
        }
        errors.Add("period", kind == ReportKind.Monthly ? ReportProblemCodes.PeriodNotAMonth : ReportProblemCodes.PeriodNotAYear);
        return null;
    }

    private static string? ReadNarrative(JsonElement root, ValidationErrors errors)
    {
        if (!root.TryGetProperty("narrative", out var n) || n.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (n.ValueKind != JsonValueKind.String)
        {
            errors.Add("narrative", ReportProblemCodes.NotAString);
            return null;
        }
        var narrative = n.GetString()!;
        if (narrative.Length > MaxNarrativeLength)
        {
            errors.Add("narrative", ReportProblemCodes.TooLong, MaxNarrativeLength);
        }
        return narrative;
    }

    private static List<CommunityUpdate> ReadUpdates(JsonElement root, ValidationErrors errors)
    {
        var updates = new List<CommunityUpdate>();
        if (!root.TryGetProperty("updates", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add("updates", ReportProblemCodes.NotAnArray);
            return updates;
        }
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (ParseUpdate(item, $"updates[{i}]", errors) is { } update)
            {
                updates.Add(update);
            }
            i++;
        }
        return updates;
    }

    /// <summary>Takes the update's JSON values as the shared reader's fields; only the JSON's own forms are checked here.</summary>
    private static CommunityUpdate? ParseUpdate(JsonElement item, string path, ValidationErrors errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, ReportProblemCodes.NotAnObject);
            return null;
        }
        UnknownFields(item, s_updateFields, path + ".", errors);
        var stage = Value(item, "stage") switch
        {
            string name => StageNames.TryParseApiName(name, out var parsed) ? parsed : UpdateFields.Unreadable,   // the API takes wire names only
            var other => other,
        };
        var fields = new UpdateFields(Value(item, "community"), stage, Value(item, "effective"), Criteria(item, path, errors));
        return CommunityUpdateReader.Read(fields, path, errors);
    }

    /// <summary>A property's text; null when absent or null; <see cref="UpdateFields.Unreadable"/> for any other JSON value.</summary>
    private static object? Value(JsonElement item, string name) =>
        !item.TryGetProperty(name, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            _ => UpdateFields.Unreadable,
        };

    /// <summary>The API is strict: a share is a JSON number, a yes/no criterion a JSON boolean.</summary>
    private static List<KeyValuePair<string, object?>> Criteria(JsonElement item, string path, ValidationErrors errors)
    {
        if (!item.TryGetProperty("criteria", out var c) || c.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (c.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}.criteria", ReportProblemCodes.CriteriaNotAnObject);
            return [];
        }
        return c.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, p.Value.ValueKind switch
        {
            JsonValueKind.Number when p.Value.TryGetDouble(out var number) && IsShare(p.Name) => number,
            JsonValueKind.True or JsonValueKind.False when !IsShare(p.Name) => p.Value.GetBoolean(),
            _ => UpdateFields.Unreadable,
        })).ToList();
    }

    private static bool IsShare(string key) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && number is >= 1 and <= GreenCommunityStandard.CriterionCount && GreenCommunityStandard.Get(number).IsShare;

    private static string? RequiredString(JsonElement element, string name, string path, ValidationErrors errors) =>
        JsonFields.RequiredString(element, name, path, errors);

    private static void UnknownFields(JsonElement element, HashSet<string> known, string prefix, ValidationErrors errors) =>
        JsonFields.UnknownFields(element, known, prefix, errors);
}
