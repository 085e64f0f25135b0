namespace GreenCommunity.Dashboard.Live;

/// <summary>What every open screen hears when a report has been committed.</summary>
/// <param name="Counties">The county-level units whose communities the report touched.</param>
public sealed record ReportNotice(string ReportId, string Locality, string Kind, string Period, bool OnTime,
    DateTimeOffset ReceivedAt, int Applied, bool ByProvince, IReadOnlyList<string> Counties);
