using GreenCommunity.Dashboard.Exports;
using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Dashboard.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenCommunity.Dashboard.Api;

/// <summary>GET /locality/420100/districts.xlsx?asOf=2022-06-30: the districts' comparison of the locality page as a workbook.</summary>
public static class DistrictWorkbookEndpoints
{
    public const string Pattern = "/locality/{code}/districts.xlsx";

    public static IEndpointRouteBuilder MapDistrictWorkbook(this IEndpointRouteBuilder endpoints)
    {
        // A download linked from the page: a visitor without a session goes to the sign-in page.
        endpoints.MapGet(Pattern, WorkbookAsync).RequireAuthorization(Accounts.DashboardPolicies.Staff).AllowCookieRedirect().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> WorkbookAsync(
        string code, string? asOf, LiveProgress live, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryReadAsOf(asOf, live.Today, out var day, out var error))
        {
            return error!;
        }
        // The same shared snapshots the page shows: a past day from the cache, today's live one.
        var snapshot = await live.GetAsync(day < live.Today ? day : null, cancellationToken);
        if (!snapshot.Province.Localities().Any(l => l.Region.Code == code))
        {
            return ApiProblems.NotFound($"No locality {code}.");
        }
        var earlier = await EarlierSnapshots.LoadAsync(live, snapshot.Day, cancellationToken);
        var comparison = DistrictComparison.For(snapshot, earlier, code);
        return TypedResults.File(DistrictComparisonWorkbook.Create(comparison), TableWorkbook.ContentType, DistrictComparisonWorkbook.FileName(comparison));
    }
}
