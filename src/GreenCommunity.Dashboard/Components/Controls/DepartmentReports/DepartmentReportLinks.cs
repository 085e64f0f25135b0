namespace GreenCommunity.Dashboard.Components.Controls.DepartmentReports;

/// <summary>The addresses of the departments' pages.</summary>
public static class DepartmentReportLinks
{
    public const string List = "/department-reports";

    public static string Of(string submissionId) => $"{List}/{Uri.EscapeDataString(submissionId)}";
}
