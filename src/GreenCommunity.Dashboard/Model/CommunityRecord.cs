using GreenCommunity.Data.Communities;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Dashboard.Model;

/// <summary>One community's page on a day: where it is, its stage and the path it took, its 16 criteria with their changes, and every report that touched it.</summary>
public sealed record CommunityRecord(CommunityPlace Place, ShownDay Day, Stage Stage, bool Pilot,
    IReadOnlyList<StageHistoryEntry> Path, IReadOnlyList<CriterionStatus> Criteria, IReadOnlyList<CommunityReportEntry> Reports)
{
    private readonly Dictionary<string, CommunityReportEntry> _reports = Reports.ToDictionary(r => r.ReportId, StringComparer.Ordinal);

    /// <summary>Criterion 12, a share met at 30%.</summary>
    public CriterionStatus PropertyManagement => Criteria[GreenCommunityStandard.PropertyManagementCriterion - 1];

    /// <summary>What acceptance still lacks: criteria not met, a criterion never assessed among them.</summary>
    public IReadOnlyList<CriterionStatus> Unmet => [.. Criteria.Where(c => !c.Met)];

    public AcceptanceStep NextStep => Stage switch
    {
        Stage.Accepted => AcceptanceStep.None,
        Stage.NotStarted => AcceptanceStep.StartFirst,
        _ => AcceptanceStep.ProvinceAcceptance,
    };

    /// <summary>The day it was last accepted, when it stands accepted.</summary>
    public DateOnly? AcceptedOn => Stage == Stage.Accepted ? Path[^1].Effective : null;

    /// <summary>A report of this community's record by its id (every report behind a stage or a criterion is one).</summary>
    public CommunityReportEntry? Report(string reportId) => _reports.GetValueOrDefault(reportId);

    /// <summary>
    /// Shapes the store's answers. The path keeps only real changes of stage (a report restating the stage is no step);
    /// a criterion's changes only the assessments that gave it a new value (the first one included).
    /// </summary>
    public static CommunityRecord Build(CommunityDetail detail, CommunityPlace place, IReadOnlyList<CriterionAssessment> assessments,
        IReadOnlyList<CommunityReportEntry> reports, ShownDay day)
    {
        var path = new List<StageHistoryEntry>();
        foreach (var step in detail.History)
        {
            if (path.Count == 0 ? step.Stage != Stage.NotStarted : path[^1].Stage != step.Stage)
            {
                path.Add(step);
            }
        }
        var byCriterion = assessments.ToLookup(a => a.Criterion);
        var criteria = GreenCommunityStandard.Criteria.Select(c => new CriterionStatus(c, Changes(byCriterion[c.Number]))).ToList();
        return new CommunityRecord(place, day, detail.Stage, detail.Pilot, path, criteria, reports);
    }

    private static List<CriterionChange> Changes(IEnumerable<CriterionAssessment> assessments)
    {
        var changes = new List<CriterionChange>();
        foreach (var a in assessments)
        {
            if (changes.Count == 0 || changes[^1].Value != a.Value)
            {
                changes.Add(new CriterionChange(a.Effective, a.Value, a.Met, a.ReportId));
            }
        }
        return changes;
    }
}

/// <summary>The stage step acceptance still needs.</summary>
public enum AcceptanceStep
{
    /// <summary>Accepted already.</summary>
    None,

    /// <summary>Not started: the action must start first (as a pilot or in progress), then the province accepts.</summary>
    StartFirst,

    /// <summary>Started: only the province accepts (验收), at year end.</summary>
    ProvinceAcceptance,
}

/// <summary>One criterion on the day: its changes in the order they took effect; the last one stands.</summary>
public sealed record CriterionStatus(Criterion Criterion, IReadOnlyList<CriterionChange> Changes)
{
    public CriterionChange? Current => Changes.Count == 0 ? null : Changes[^1];

    public bool Assessed => Current is not null;

    public bool Met => Current?.Met == true;
}

/// <summary>A criterion taking a new value from a day, by a report.</summary>
public sealed record CriterionChange(DateOnly Effective, double Value, bool Met, string ReportId);
