namespace GreenCommunity.Domain.Reporting;

/// <summary>A report duty of one locality on a day.</summary>
/// <param name="DueDay">The day the report is due (by 23:59:59 China Standard Time).</param>
/// <param name="Days">Late: whole days late; Missing: days overdue; Due: days left (0 = due today); OnTime: 0.</param>
/// <param name="ReceivedAt">The first receipt that counts, when there is one.</param>
public sealed record DutyStatus(ReportDuty Duty, DateOnly DueDay, ComplianceState State, int Days, DateTimeOffset? ReceivedAt)
{
    /// <summary>Something the locality must still do or did wrong: missing, or late.</summary>
    public bool NeedsAttention => State is ComplianceState.Missing or ComplianceState.Late;
}
