using GreenCommunity.Data.Communities;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reporting;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Dashboard.Model;

/// <summary>One received report made readable: who sent it, when and how late, its narrative, and each update with its community's name.</summary>
/// <param name="Unreadable">Updates of the stored body that could not be read again (none for a report the intake accepted).</param>
public sealed record ReportView(StoredReport Report, string SubmittedBy, string? Narrative, IReadOnlyList<ReportUpdateLine> Updates, int Unreadable)
{
    /// <summary>
    /// Whole China days after its deadline's day, as the compliance grid counts them; null when on time, or sent by the
    /// province (whose reports have no locality deadline).
    /// </summary>
    public int? DaysLate => Report.OnTime || Report.ByProvince ? null : ReportingCompliance.DaysLate(Report.Deadline, Report.ReceivedAt);

    /// <summary>The report's body read, its communities placed (<paramref name="places"/>: code → where it is).</summary>
    public static ReportView Build(ReportRecord record, StoredReportBody body, IReadOnlyDictionary<string, CommunityPlace> places) =>
        new(record.Report, body.SubmittedBy, body.Narrative,
            body.Updates.Select(u => new ReportUpdateLine(u.Community, places.GetValueOrDefault(u.Community), u.Stage, u.Effective,
                u.Criteria.OrderBy(c => c.Key).Select(c => new CriterionValue(GreenCommunityStandard.Get(c.Key), c.Value)).ToList())).ToList(),
            body.Unreadable);
}

/// <summary>One community's update in a report; <paramref name="Place"/> is null only for a code the store does not know.</summary>
public sealed record ReportUpdateLine(string Community, CommunityPlace? Place, Stage? Stage, DateOnly Effective, IReadOnlyList<CriterionValue> Criteria);

/// <summary>A criterion's value as a report gave it.</summary>
public sealed record CriterionValue(Criterion Criterion, double Value)
{
    public bool Met => Criterion.IsMet(Value);
}
