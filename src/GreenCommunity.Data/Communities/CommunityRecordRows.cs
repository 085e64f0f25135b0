using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reporting;

namespace GreenCommunity.Data.Communities;

/// <summary>Where a community is: its town, its county-level unit and its locality, with the regions' English names.</summary>
public sealed record CommunityPlace(string Code, string Name, string Town, string CountyCode, string CountyName, string CountyNameEn,
    string LocalityCode, string LocalityName, string LocalityNameEn);

/// <summary>One assessment of one criterion: the value a report gave, from which day, and which report (received when).</summary>
public sealed record CriterionAssessment(int Criterion, double Value, bool Met, DateOnly Effective, string ReportId, DateTimeOffset ReceivedAt);

/// <summary>
/// A report that touched a community: when it took effect there, the stage it set (null when it set none) and how many
/// criteria it assessed, with the report's kind, period, receipt, deadline and timeliness.
/// </summary>
public sealed record CommunityReportEntry(string ReportId, string Kind, string Period, DateTimeOffset ReceivedAt, DateTimeOffset Deadline,
    bool OnTime, bool ByProvince, DateOnly Effective, Stage? Stage, int CriteriaAssessed)
{
    /// <summary>Whole China days after its deadline's day, as the compliance grid counts them; null when on time or sent by the province (no locality deadline applies).</summary>
    public int? DaysLate => OnTime || ByProvince ? null : ReportingCompliance.DaysLate(Deadline, ReceivedAt);
}
