namespace GreenCommunity.Data.Reports;

/// <summary>A stored report with the JSON body it was accepted with and the scope of whoever sent it.</summary>
public sealed record ReportRecord(StoredReport Report, string Body, string SubmitterScope);
