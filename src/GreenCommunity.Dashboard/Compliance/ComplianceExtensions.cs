using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Exports;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Standard;
using GreenCommunity.Domain.Campaigns;

namespace GreenCommunity.Dashboard.Compliance;

/// <summary>Reporting compliance: the shared grid of each day, and its file for the province.</summary>
public static class ComplianceExtensions
{
    public const string ExportPath = "/compliance.xlsx";

    public static IServiceCollection AddReportingCompliance(this IServiceCollection services)
    {
        services.AddSingleton<ComplianceQueries>();
        services.AddSingleton<UnmetCountQueries>();
        services.AddSingleton<ComplianceBoards>();
        return services;
    }

    public static IEndpointRouteBuilder MapReportingCompliance(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ExportPath, ExportAsync).RequireAuthorization(DashboardPolicies.Staff).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>?asOf= as the page reads it: a day before today, anything else (none, not a day, a later day) is today.</summary>
    private static async Task<IResult> ExportAsync(string? asOf, ComplianceBoards boards, ProgressReader regions, CancellationToken cancellationToken)
    {
        var day = ShownDay.Parse(asOf, boards.Today);
        var snapshot = await boards.GetAsync(day.Past, cancellationToken);
        var province = (await regions.GetRegionsAsync(cancellationToken)).FirstOrDefault(r => r.IsRoot)?.Name ?? "";
        var name = $"报送情况-{IsoDay.Text(snapshot.Day)}.xlsx";
        return TypedResults.File(ComplianceWorkbook.Create(snapshot, province), TableWorkbook.ContentType, name);
    }
}
