using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Domain.Reporting;

/// <summary>The earliest report a locality itself sent for a kind and period: the one that decides whether it reported on time.</summary>
public sealed record FirstReceipt(string Locality, ReportKind Kind, ReportPeriod Period, DateTimeOffset ReceivedAt);
