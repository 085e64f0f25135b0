namespace GreenCommunity.Domain.Reporting;

/// <summary>A department's duty on a day, in the localities' states (<see cref="ComplianceState"/>).</summary>
/// <param name="DueDay">The day it is due (by 23:59:59 China Standard Time).</param>
/// <param name="Days">Late: whole days late; Missing: days overdue; Due: days left (0 = due today); OnTime: 0.</param>
/// <param name="ReceivedAt">The first text that counts, when there is one.</param>
public sealed record DepartmentDutyStatus(DepartmentDuty Duty, DateOnly DueDay, ComplianceState State, int Days, DateTimeOffset? ReceivedAt);
