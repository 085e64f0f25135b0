using System.Text.Json;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reports;
using static GreenCommunity.Domain.Inspections.InspectionJsonFields;

namespace GreenCommunity.Domain.Inspections;

/// <summary>
/// Reads the two requests of unannounced inspections, the province's visit and the locality's answers, finding every
/// problem at its path ("findings.12.met"). What needs the store (the community exists, the finding is open) is
/// checked in the write's transaction: <see cref="InspectionRules"/>.
/// </summary>
public static class InspectionRequests
{
    private static readonly string[] s_visitFields = ["community", "date", "inspectors", "findings", "rectifyBy"];
    private static readonly string[] s_findingFields = ["met", "note"];
    private static readonly string[] s_answersFields = ["answers"];
    private static readonly string[] s_answerFields = ["rectified", "note", "date"];

    /// <summary>The visit, or null with its problems in <paramref name="errors"/>.</summary>
    /// <param name="today">Today in China: a visit is not recorded ahead of time.</param>
    /// <param name="campaignStart">No visit before the campaign began.</param>
    public static InspectionVisit? ReadVisit(JsonElement body, DateOnly today, DateOnly campaignStart, ValidationErrors errors)
    {
        var before = errors.Problems.Count;
        RefuseUnknown(body, "", s_visitFields, errors);
        var community = Text(body, "community", "community", required: true, maxLength: 64, errors);
        if (community is not null && !RegionCodes.IsCommunityCode(community))
        {
            errors.Add("community", ReportProblemCodes.InvalidCommunityCode);
        }
        var date = Day(body, "date", "date", required: true, errors);
        if (date > today)
        {
            errors.Add("date", ReportProblemCodes.DayInFuture, today);
        }
        else if (date < campaignStart)
        {
            errors.Add("date", ReportProblemCodes.EffectiveBeforeCampaign, campaignStart);
        }
        var inspectors = Text(body, "inspectors", "inspectors", required: true, InspectionLimits.InspectorsLength, errors);
        var findings = ReadFindings(body, errors);
        var rectifyBy = Day(body, "rectifyBy", "rectifyBy", required: false, errors);
        if (rectifyBy is null && !HasProblemAt(errors, "rectifyBy") && findings.Any(f => !f.Met))
        {
            errors.Add("rectifyBy", ReportProblemCodes.RectifyByRequired);
        }
        if (rectifyBy < date)
        {
            errors.Add("rectifyBy", ReportProblemCodes.BeforeVisit, date!.Value);
        }
        return errors.Problems.Count > before ? null : new InspectionVisit(community!, date!.Value, inspectors!, findings, rectifyBy);
    }

    /// <summary>The answers, or null with their problems in <paramref name="errors"/>.</summary>
    public static IReadOnlyList<FindingAnswer>? ReadAnswers(JsonElement body, DateOnly today, ValidationErrors errors)
    {
        var before = errors.Problems.Count;
        RefuseUnknown(body, "", s_answersFields, errors);
        var answers = new List<FindingAnswer>();
        if (!body.TryGetProperty("answers", out var all) || all.ValueKind == JsonValueKind.Null)
        {
            errors.Add("answers", ReportProblemCodes.Required);
        }
        else if (all.ValueKind != JsonValueKind.Object)
        {
            errors.Add("answers", ReportProblemCodes.CriteriaNotAnObject);
        }
        else
        {
            foreach (var (criterion, path, answer) in ByCriterion(all, "answers", errors))
            {
                RefuseUnknown(answer, path + ".", s_answerFields, errors);
                if (YesNo(answer, "rectified", path + ".rectified", errors) == false)
                {
                    errors.Add(path + ".rectified", ReportProblemCodes.NotRectified);
                }
                var note = Text(answer, "note", path + ".note", required: false, InspectionLimits.NoteLength, errors);
                var date = Day(answer, "date", path + ".date", required: true, errors);
                if (date > today)
                {
                    errors.Add(path + ".date", ReportProblemCodes.DayInFuture, today);
                }
                if (date is { } day)
                {
                    answers.Add(new FindingAnswer(criterion, note, day));
                }
            }
            if (!all.EnumerateObject().Any())
            {
                errors.Add("answers", ReportProblemCodes.NoAnswers);
            }
        }
        return errors.Problems.Count > before ? null : answers;
    }

    private static List<InspectionFinding> ReadFindings(JsonElement body, ValidationErrors errors)
    {
        var findings = new List<InspectionFinding>();
        if (!body.TryGetProperty("findings", out var all) || all.ValueKind == JsonValueKind.Null)
        {
            errors.Add("findings", ReportProblemCodes.Required);
            return findings;
        }
        if (all.ValueKind != JsonValueKind.Object)
        {
            errors.Add("findings", ReportProblemCodes.CriteriaNotAnObject);
            return findings;
        }
        foreach (var (criterion, path, finding) in ByCriterion(all, "findings", errors))
        {
            RefuseUnknown(finding, path + ".", s_findingFields, errors);
            var met = YesNo(finding, "met", path + ".met", errors);
            var note = Text(finding, "note", path + ".note", required: false, InspectionLimits.NoteLength, errors);
            if (met is { } isMet)
            {
                findings.Add(new InspectionFinding(criterion, isMet, note));
            }
        }
        if (!all.EnumerateObject().Any())
        {
            errors.Add("findings", ReportProblemCodes.NoFindings);
        }
        return [.. findings.OrderBy(f => f.Criterion)];
    }

    private static bool HasProblemAt(ValidationErrors errors, string path) => errors.Problems.Any(p => p.Path == path);
}
