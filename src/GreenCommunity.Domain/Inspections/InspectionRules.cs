using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Domain.Inspections;

/// <summary>The rules that need an inspection as it stands: who may answer, what may be answered, what is overdue.</summary>
public static class InspectionRules
{
    /// <summary>
    /// The problems of answers to an inspection visited on <paramref name="visitedOn"/> with these findings: each answer
    /// must name an open finding (not met, not yet rectified), and rectification comes after the visit.
    /// </summary>
    public static ValidationErrors CheckAnswers(IReadOnlyList<FindingAnswer> answers, IReadOnlyList<StoredFinding> findings, DateOnly visitedOn)
    {
        var errors = new ValidationErrors();
        foreach (var answer in answers)
        {
            var path = $"answers.{answer.Criterion}";
            var finding = findings.FirstOrDefault(f => f.Criterion == answer.Criterion);
            if (finding is null)
            {
                errors.Add(path, ReportProblemCodes.NotAFinding, answer.Criterion);
            }
            else if (finding.Met)
            {
                errors.Add(path, ReportProblemCodes.FindingMet, answer.Criterion);
            }
            else if (finding.RectifiedOn is { } rectifiedOn)
            {
                errors.Add(path, ReportProblemCodes.FindingAlreadyAnswered, answer.Criterion, rectifiedOn);
            }
            if (answer.Date < visitedOn)
            {
                errors.Add(path + ".date", ReportProblemCodes.BeforeVisit, visitedOn);
            }
        }
        return errors;
    }

    /// <summary>Days past the rectification deadline on <paramref name="today"/>; 0 when not overdue (or nothing is open).</summary>
    public static int DaysOverdue(DateOnly? rectifyBy, bool open, DateOnly today) =>
        open && rectifyBy is { } due && due < today ? today.DayNumber - due.DayNumber : 0;
}
