using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Domain.Reporting;

/// <summary>One department's row of the board: each duty's status on the board's day.</summary>
public sealed class DepartmentRow(string department, IReadOnlyDictionary<DepartmentDuty, DepartmentDutyStatus> statuses)
{
    public string Department { get; } = department;

    public IReadOnlyDictionary<DepartmentDuty, DepartmentDutyStatus> Statuses { get; } = statuses;

    public DepartmentDutyStatus this[DepartmentDuty duty] => Statuses[duty];
}

/// <summary>
/// The provincial departments' annual reports and plans on a day: departments × duties, and how many stand in each state.
/// Immutable; each duty counts the department's first text for it, a later one replaces only the text shown.
/// </summary>
public sealed class DepartmentBoard
{
    private DepartmentBoard(DateOnly day, IReadOnlyList<DepartmentDuty> duties, IReadOnlyList<DepartmentRow> rows)
    {
        Day = day;
        Duties = duties;
        Rows = rows;
    }

    public DateOnly Day { get; }

    /// <summary>Annual report and plan of each year, oldest first (<see cref="DepartmentCompliance.DutiesUntil"/>).</summary>
    public IReadOnlyList<DepartmentDuty> Duties { get; }

    /// <summary>One row per department, in the order given.</summary>
    public IReadOnlyList<DepartmentRow> Rows { get; }

    /// <summary>How many of the board's cells are in a state.</summary>
    public int Count(ComplianceState state) => Rows.Sum(r => r.Statuses.Values.Count(s => s.State == state));

    /// <param name="departments">The departments' codes, in the order the rows are to have.</param>
    /// <param name="receipts">Each department's first text per duty; those received after the day are not known on it.</param>
    public static DepartmentBoard Build(Campaign campaign, DateOnly day, IEnumerable<string> departments, IEnumerable<DepartmentReceipt> receipts)
    {
        var duties = DepartmentCompliance.DutiesUntil(campaign, day);
        var first = receipts
            .GroupBy(r => (r.Department, r.Duty))
            .ToDictionary(g => g.Key, g => g.Min(r => r.ReceivedAt));
        var rows = departments.Select(code => new DepartmentRow(code, duties.ToDictionary(d => d,
            d => DepartmentCompliance.StatusOn(campaign, d, first.TryGetValue((code, d), out var at) ? at : null, day)))).ToList();
        return new DepartmentBoard(day, duties, rows);
    }
}
