using System.Globalization;
using GreenCommunity.Data.Communities;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Dashboard.Model;

/// <summary>
/// The submit page's form: what a coordinator typed, turned into the same <see cref="ReportSubmission"/> the
/// API builds, with the same rules checked before anything is sent. Errors use the API's JSON paths.
/// </summary>
public sealed class ReportForm
{
    public string? Locality { get; set; }

    public ReportKind Kind { get; set; } = ReportKind.Monthly;

    public string Period { get; set; } = "";

    public string SubmittedBy { get; set; } = "";

    public string? Narrative { get; set; }

    public List<UpdateRow> Updates { get; } = [];

    /// <summary>A new form for the current month.</summary>
    public static ReportForm ForMonth(DateOnly today, string? locality, string submittedBy) => new()
    {
        Locality = locality,
        Period = ReportPeriod.OfMonth(today.Year, today.Month).ToString(),
        SubmittedBy = submittedBy,
    };

    /// <summary>
    /// Builds the report; null when something cannot even be read. With <paramref name="checkRules"/> it is also
    /// checked as the intake will check it (the "check" button); sending leaves that to the intake itself.
    /// </summary>
    public ReportSubmission? Build(SubmitterScope scope, Campaign campaign, DateTimeOffset now, ValidationErrors errors, bool checkRules = true)
    {
        if (string.IsNullOrEmpty(Locality))
        {
            errors.Add("locality", ReportProblemCodes.Required);
        }
        if (!ReportPeriod.TryParse(Period.Trim(), Kind == ReportKind.Monthly, out var period))
        {
            errors.Add("period", Kind == ReportKind.Monthly ? ReportProblemCodes.PeriodNotAMonth : ReportProblemCodes.PeriodNotAYear);
        }
        if (SubmittedBy.Length > Intake.ReportRequestParser.MaxSubmittedByLength)
        {
            errors.Add("submittedBy", ReportProblemCodes.TooLong, Intake.ReportRequestParser.MaxSubmittedByLength);
        }
        var updates = new List<CommunityUpdate>();
        for (var i = 0; i < Updates.Count; i++)
        {
            if (Updates[i].Build($"updates[{i}]", Locality ?? "", errors) is { } update)
            {
                updates.Add(update);
            }
        }
        if (!errors.IsEmpty)
        {
            return null;
        }
        var report = new ReportSubmission(Locality!, Kind, period, SubmittedBy.Trim(), string.IsNullOrWhiteSpace(Narrative) ? null : Narrative.Trim(), updates);
        if (checkRules)
        {
            ReportRules.CheckShape(report, scope, campaign, now, errors);
        }
        return errors.IsEmpty ? report : null;
    }
}

/// <summary>One community's line on the form.</summary>
public sealed class UpdateRow
{
    /// <summary>What the community field holds: kept as typed, whatever it names.</summary>
    public CommunityEntry Entry { get; set; } = CommunityEntry.Blank;

    /// <summary>The locality's community picked (null when none is, or the text names none).</summary>
    public CommunitySearchResult? Community
    {
        get => Entry.Community;
        set => Entry = value is null ? CommunityEntry.Blank : CommunityEntry.Of(value);
    }

    public Stage? Stage { get; set; }

    public string Effective { get; set; } = "";

    public bool AssessCriteria { get; set; }

    /// <summary>Index 1..16: whether each yes/no criterion is met (index 12 unused).</summary>
    public bool[] Met { get; } = new bool[GreenCommunityStandard.CriterionCount + 1];

    /// <summary>Criterion 12 as a percentage, 0–100, the way people say it.</summary>
    public double? CoveragePercent { get; set; }

    /// <summary>
    /// The line as the shared reader's fields: criterion 12 as the percentage typed ("42%"). Text that names none of
    /// <paramref name="locality"/>'s communities is refused here with the API's code for it, so nothing unknown is sent.
    /// </summary>
    public CommunityUpdate? Build(string path, string locality, ValidationErrors errors)
    {
        var criteria = !AssessCriteria ? [] : GreenCommunityStandard.Criteria.Select(c => new KeyValuePair<string, object?>(
            c.Number.ToString(CultureInfo.InvariantCulture),
            c.IsShare ? CoveragePercent is { } percent ? FormattableString.Invariant($"{percent}%") : null : Met[c.Number])).ToList();
        var community = Entry.Community?.Code ?? (Entry.Status == CommunityEntryStatus.Blank ? null : Entry.Text);
        var update = CommunityUpdateReader.Read(new UpdateFields(community, Stage, Effective, criteria), path, errors);
        switch (Entry.Status)
        {
            case CommunityEntryStatus.Incomplete or CommunityEntryStatus.NoMatch:
                errors.Add($"{path}.community", ReportProblemCodes.InvalidCommunityCode);
                return null;
            case CommunityEntryStatus.UnknownCode:
                errors.Add($"{path}.community", ReportProblemCodes.UnknownCommunity, Entry.Text);
                return null;
            case CommunityEntryStatus.Elsewhere:
                errors.Add($"{path}.community", ReportProblemCodes.CommunityElsewhere, Entry.Text, locality);
                return null;
            default:
                return update;
        }
    }
}
