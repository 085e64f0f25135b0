using System.Globalization;
using System.Text.Json;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Domain.Acceptance;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Dashboard.Acceptance;

/// <summary>
/// Reads an application (<c>{"locality","communities":[codes],"note"}</c>) and a request's decisions
/// (<c>{"decisions":[{"community","criteria":{"1":true,…},"accepted","reason"}]}</c>) with every problem by path.
/// A criterion is <c>true</c>/<c>false</c> or <c>{"met":bool,"remark":"…"}</c>.
/// </summary>
public static class AcceptanceJson
{
    private static readonly HashSet<string> s_applicationFields = ["locality", "communities", "note"];
    private static readonly HashSet<string> s_decisionsFields = ["decisions"];
    private static readonly HashSet<string> s_decisionFields = ["community", "criteria", "accepted", "reason"];
    private static readonly HashSet<string> s_reviewFields = ["met", "remark"];

    public static AcceptanceApplication? ReadApplication(JsonElement root, ValidationErrors errors)
    {
        JsonFields.UnknownFields(root, s_applicationFields, "", errors);
        var locality = JsonFields.RequiredString(root, "locality", "locality", errors);
        var note = JsonFields.OptionalString(root, "note", "note", AcceptanceRules.MaxNote, errors);
        var communities = new List<string>();
        if (Array(root, "communities", errors) is { } items)
        {
            if (items.GetArrayLength() == 0)
            {
                errors.Add("communities", ReportProblemCodes.EmptyList);
            }
            else if (items.GetArrayLength() > AcceptanceRules.MaxCommunities)
            {
                errors.Add("communities", ReportProblemCodes.TooManyCommunities, AcceptanceRules.MaxCommunities);
            }
            else
            {
                var i = 0;
                foreach (var item in items.EnumerateArray())
                {
                    var path = $"communities[{i}]";
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        errors.Add(path, ReportProblemCodes.NotAString);
                    }
                    else if (!RegionCodes.IsCommunityCode(item.GetString()!))
                    {
                        errors.Add(path, ReportProblemCodes.InvalidCommunityCode);
                    }
                    else if (communities.IndexOf(item.GetString()!) is var earlier and >= 0)
                    {
                        errors.Add(path, ReportProblemCodes.RepeatedCommunity, item.GetString()!, earlier);
                    }
                    communities.Add(item.GetString() ?? "");
                    i++;
                }
            }
        }
        if (locality is not null && !RegionCodes.IsRegionCode(locality))
        {
            errors.Add("locality", ReportProblemCodes.InvalidLocalityCode);
        }
        return errors.IsEmpty ? new AcceptanceApplication(locality!, communities, note) : null;
    }

    public static IReadOnlyList<AcceptanceDecision>? ReadDecisions(JsonElement root, ValidationErrors errors)
    {
        JsonFields.UnknownFields(root, s_decisionsFields, "", errors);
        var decisions = new List<AcceptanceDecision>();
        if (Array(root, "decisions", errors) is not { } items)
        {
            return null;
        }
        if (items.GetArrayLength() == 0)
        {
            errors.Add("decisions", ReportProblemCodes.EmptyList);
        }
        else if (items.GetArrayLength() > AcceptanceRules.MaxCommunities)
        {
            errors.Add("decisions", ReportProblemCodes.TooManyCommunities, AcceptanceRules.MaxCommunities);
            return null;
        }
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (ReadDecision(item, $"decisions[{i}]", errors) is { } decision)
            {
                if (decisions.FindIndex(d => d.Community == decision.Community) is var earlier and >= 0)
                {
                    errors.Add($"decisions[{i}].community", ReportProblemCodes.RepeatedCommunity, decision.Community, earlier);
                }
                decisions.Add(decision);
            }
            i++;
        }
        return errors.IsEmpty ? decisions : null;
    }

    private static AcceptanceDecision? ReadDecision(JsonElement item, string path, ValidationErrors errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, ReportProblemCodes.NotAnObject);
            return null;
        }
        var before = errors.Problems.Count;
        JsonFields.UnknownFields(item, s_decisionFields, path + ".", errors);
        var community = JsonFields.RequiredString(item, "community", $"{path}.community", errors);
        if (community is not null && !RegionCodes.IsCommunityCode(community))
        {
            errors.Add($"{path}.community", ReportProblemCodes.InvalidCommunityCode);
        }
        var accepted = JsonFields.RequiredBool(item, "accepted", $"{path}.accepted", errors);
        var reason = JsonFields.OptionalString(item, "reason", $"{path}.reason", AcceptanceRules.MaxReason, errors);
        var criteria = ReadCriteria(item, $"{path}.criteria", errors);
        if (errors.Problems.Count > before || community is null || accepted is null || criteria is null)
        {
            return null;
        }
        var decision = new AcceptanceDecision(community, criteria, accepted.Value, reason);
        AcceptanceRules.Check(decision, path, errors);
        return decision;
    }

    private static Dictionary<int, CriterionReview>? ReadCriteria(JsonElement item, string path, ValidationErrors errors)
    {
        if (!item.TryGetProperty("criteria", out var criteria) || criteria.ValueKind == JsonValueKind.Null)
        {
            errors.Add(path, ReportProblemCodes.Required);
            return null;
        }
        if (criteria.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, ReportProblemCodes.CriteriaNotAnObject);
            return null;
        }
        var reviews = new Dictionary<int, CriterionReview>();
        foreach (var property in criteria.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || number is < 1 or > GreenCommunityStandard.CriterionCount || property.Name != number.ToString(CultureInfo.InvariantCulture))
            {
                errors.Add(at, ReportProblemCodes.UnknownCriterion);
            }
            else if (ReadReview(property.Value, at, errors) is { } review)
            {
                reviews[number] = review;
            }
        }
        foreach (var missing in GreenCommunityStandard.Criteria.Select(c => c.Number).Where(n => !criteria.TryGetProperty(n.ToString(CultureInfo.InvariantCulture), out _)))
        {
            errors.Add($"{path}.{missing}", ReportProblemCodes.Required);
        }
        return reviews;
    }

    private static CriterionReview? ReadReview(JsonElement value, string path, ValidationErrors errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                return new CriterionReview(value.GetBoolean(), null);
            case JsonValueKind.Object:
                JsonFields.UnknownFields(value, s_reviewFields, path + ".", errors);
                var met = JsonFields.RequiredBool(value, "met", $"{path}.met", errors);
                var remark = JsonFields.OptionalString(value, "remark", $"{path}.remark", AcceptanceRules.MaxRemark, errors);
                return met is null ? null : new CriterionReview(met.Value, remark);
            default:
                errors.Add(path, ReportProblemCodes.InvalidYesNo);
                return null;
        }
    }

    private static JsonElement? Array(JsonElement root, string name, ValidationErrors errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(name, ReportProblemCodes.Required);
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(name, ReportProblemCodes.NotAnArray);
            return null;
        }
        return value;
    }
}
