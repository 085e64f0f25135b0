using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Data.Communities;
using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Regions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenCommunity.Dashboard.Api;

/// <summary>GET /reports/template.xlsx?locality=420100: the Excel template, listing the locality's communities.</summary>
public static class TemplateEndpoints
{
    public const string Path = "/reports/template.xlsx";

    public static IEndpointRouteBuilder MapTemplateEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A browser download linked from the submit page: a visitor without a session goes to the sign-in page, although its
        // TypedResults make .NET 10 take it for an API (401 without a redirect).
        endpoints.MapGet(Path, TemplateAsync).RequireAuthorization(Accounts.DashboardPolicies.Staff).AllowCookieRedirect().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> TemplateAsync(string? locality, CommunityQueries communities, ProgressReader progress, CancellationToken cancellationToken)
    {
        var regions = await progress.GetRegionsAsync(cancellationToken);
        var region = regions.FirstOrDefault(r => r.Level == RegionLevel.Prefecture && r.Code == locality);
        if (locality is not null && region is null)
        {
            return ApiProblems.NotFound($"No locality {locality}.");
        }
        var rows = region is null ? [] : await communities.ListAsync(region.Code, cancellationToken);
        var name = region is null ? "绿色社区填报模板.xlsx" : $"绿色社区填报模板-{region.Name}-{region.Code}.xlsx";
        return TypedResults.File(ReportWorkbook.CreateTemplate(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }
}
