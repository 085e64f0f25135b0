namespace GreenCommunity.Data.Reports;

/// <summary>A stored report with the JSON body it was accepted with.</summary>
public sealed record ReportRecord(StoredReport Report, string Body);
