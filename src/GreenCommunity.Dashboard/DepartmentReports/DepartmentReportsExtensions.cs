namespace GreenCommunity.Dashboard.DepartmentReports;

/// <summary>The provincial departments' annual reports and plans: their intake, their texts and their compliance board.</summary>
public static class DepartmentReportsExtensions
{
    /// <summary>Their queries are the store's (<see cref="Storage.StorageExtensions.AddDashboardStorage"/>): the accounts page names departments too.</summary>
    public static IServiceCollection AddDepartmentReports(this IServiceCollection services)
    {
        services.AddSingleton<DepartmentReportIntake>();
        services.AddSingleton<DepartmentComplianceReader>();
        return services;
    }
}
