using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Data.Reports;

namespace GreenCommunity.Dashboard.LiveView;

/// <summary>One line of the live activity feed.</summary>
/// <param name="ByProvince">The province's own report (an acceptance round): the locality's deadline does not apply to it.</param>
public sealed record FeedItem(string ReportId, string Locality, string Kind, string Period, bool OnTime, DateTimeOffset ReceivedAt, int Applied, bool ByProvince)
{
    public static FeedItem From(StoredReport report) =>
        new(report.ReportId, report.Locality, report.Kind, report.Period, report.OnTime, report.ReceivedAt, report.Applied, report.ByProvince);

    public static FeedItem From(ReportNotice notice) =>
        new(notice.ReportId, notice.Locality, notice.Kind, notice.Period, notice.OnTime, notice.ReceivedAt, notice.Applied, notice.ByProvince);
}
