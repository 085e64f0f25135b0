namespace GreenCommunity.Domain.Reporting;

/// <summary>The first text a department sent for a duty: the one that decides whether it sent it on time.</summary>
public sealed record DepartmentReceipt(string Department, DepartmentDuty Duty, DateTimeOffset ReceivedAt);
