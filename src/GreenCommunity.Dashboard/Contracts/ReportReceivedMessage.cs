namespace GreenCommunity.Dashboard.Contracts;

/// <summary>The hub's "reportReceived" event: a public contract, keep the names.</summary>
public sealed record ReportReceivedMessage(string ReportId, string Locality, string Kind, string Period, bool OnTime, DateTimeOffset ReceivedAt, int Applied);
