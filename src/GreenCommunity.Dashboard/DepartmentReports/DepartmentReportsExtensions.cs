using GreenCommunity.Data.Departments;

namespace GreenCommunity.Dashboard.DepartmentReports;

/// <summary>The provincial departments' annual reports and plans: their intake, their texts and their compliance board.</summary>
public static class DepartmentReportsExtensions
{
    public static IServiceCollection AddDepartmentReports(this IServiceCollection services)
    {
        services.AddSingleton<DepartmentQueries>();
        services.AddSingleton<DepartmentReportIntake>();
        services.AddSingleton<DepartmentComplianceReader>();
        return services;
    }
}
