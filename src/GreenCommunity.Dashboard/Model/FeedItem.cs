using GreenCommunity.Dashboard.Live;
using GreenCommunity.Data.Reports;

namespace GreenCommunity.Dashboard.Model;

/// <summary>One line of the live activity feed.</summary>
public sealed record FeedItem(string ReportId, string Locality, string Kind, string Period, bool OnTime, DateTimeOffset ReceivedAt, int Applied)
{
    public static FeedItem From(StoredReport report) =>
        new(report.ReportId, report.Locality, report.Kind, report.Period, report.OnTime, report.ReceivedAt, report.Applied);

    public static FeedItem From(ReportNotice notice) =>
        new(notice.ReportId, notice.Locality, notice.Kind, notice.Period, notice.OnTime, notice.ReceivedAt, notice.Applied);
}
