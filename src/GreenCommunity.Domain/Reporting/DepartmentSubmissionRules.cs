using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Domain.Reporting;

/// <summary>A department's text as it arrives, before it is checked: each field may be missing.</summary>
public sealed record DepartmentSubmissionDraft(string? Department, int? Year, string? Kind, string? Text);

/// <summary>
/// What a department's annual report or plan must be, without the store: a kind (annual, plan), a year from the
/// campaign's first to today's, and a text of 1 to <see cref="MaxTextLength"/> characters, kept exactly as given.
/// Whether the department exists and is the sender's is the store's and the sender's (checked in the write).
/// </summary>
public static class DepartmentSubmissionRules
{
    public const int MaxTextLength = 100_000;

    /// <summary>Every problem by path (department, year, kind, text); the duty when there is none.</summary>
    public static (DepartmentDuty? Duty, ValidationErrors Errors) Check(Campaign campaign, DateOnly today, DepartmentSubmissionDraft draft)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(draft.Department))
        {
            errors.Add("department", ReportProblemCodes.Required);
        }
        var (first, last) = DepartmentCompliance.Years(campaign, today);
        if (draft.Year is not { } year)
        {
            errors.Add("year", ReportProblemCodes.Required);
        }
        else if (year < first || year > last)
        {
            errors.Add("year", ReportProblemCodes.YearOutOfRange, first, last);
        }
        DepartmentReportKind? kind = null;
        if (draft.Kind is null)
        {
            errors.Add("kind", ReportProblemCodes.Required);
        }
        else if (ApiNames.TryParse<DepartmentReportKind>(draft.Kind, out var parsed))
        {
            kind = parsed;
        }
        else
        {
            errors.Add("kind", ReportProblemCodes.InvalidDepartmentKind);
        }
        // Blank is empty; any other text is kept exactly as given, its spaces and line breaks included.
        if (string.IsNullOrWhiteSpace(draft.Text))
        {
            errors.Add("text", ReportProblemCodes.Required);
        }
        else if (draft.Text.Length > MaxTextLength)
        {
            errors.Add("text", ReportProblemCodes.TooLong, MaxTextLength);
        }
        return errors.IsEmpty ? (new DepartmentDuty(kind!.Value, draft.Year!.Value), errors) : (null, errors);
    }
}
