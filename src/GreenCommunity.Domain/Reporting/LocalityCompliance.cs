namespace GreenCommunity.Domain.Reporting;

/// <summary>One locality's row of the compliance grid: each duty's status on the board's day.</summary>
public sealed class LocalityCompliance(string locality, IReadOnlyDictionary<ReportDuty, DutyStatus> statuses)
{
    public string Locality { get; } = locality;

    public IReadOnlyDictionary<ReportDuty, DutyStatus> Statuses { get; } = statuses;

    public DutyStatus this[ReportDuty duty] => Statuses[duty];

    /// <summary>Reports still owed after their deadline, the longest overdue first.</summary>
    public IReadOnlyList<DutyStatus> Missing =>
        [.. Statuses.Values.Where(s => s.State == ComplianceState.Missing).OrderBy(s => s.DueDay)];

    /// <summary>Reports sent late with a due day on or after <paramref name="since"/>, the most recent first.</summary>
    public IReadOnlyList<DutyStatus> LateSince(DateOnly since) =>
        [.. Statuses.Values.Where(s => s.State == ComplianceState.Late && s.DueDay >= since).OrderByDescending(s => s.DueDay)];
}
