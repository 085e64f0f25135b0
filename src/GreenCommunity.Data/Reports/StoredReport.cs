namespace GreenCommunity.Data.Reports;

/// <summary>What the intake acknowledges once a report is committed.</summary>
/// <param name="Sequence">The receipt order inside the store.</param>
/// <param name="Applied">How many communities the report changed (stage or criteria).</param>
/// <param name="ByProvince">Sent with a province-scope token (e.g. an acceptance round), not by the locality itself.</param>
public sealed record StoredReport(long Sequence, string ReportId, string Locality, string Kind, string Period,
    DateTimeOffset ReceivedAt, DateTimeOffset Deadline, bool OnTime, int Applied, bool ByProvince);
