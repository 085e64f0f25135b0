using GreenCommunity.Data.Departments;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reporting;

namespace GreenCommunity.Dashboard.DepartmentReports;

/// <summary>The departments' board of a day with their names: five rows and a few years, read when a page asks.</summary>
public sealed record DepartmentComplianceView(DepartmentBoard Board, IReadOnlyList<Department> Departments)
{
    public Department? Department(string code) => Departments.FirstOrDefault(d => d.Code == code);
}

/// <summary>
/// Builds the departments' compliance board of a day from the first text of each duty sent by the end of that day. Two
/// small queries, so it is read per page rather than cached beside the localities' shared grid.
/// </summary>
public sealed class DepartmentComplianceReader(DepartmentQueries queries, Campaign campaign)
{
    public async Task<DepartmentComplianceView> GetAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var departments = await queries.DepartmentsAsync(cancellationToken);
        var receipts = await queries.FirstReceiptsAsync(ChinaTime.StartOfDay(day.AddDays(1)), cancellationToken);
        return new DepartmentComplianceView(DepartmentBoard.Build(campaign, day, departments.Select(d => d.Code), receipts), departments);
    }
}
