using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Communities;
using GreenCommunity.Dashboard.Contracts;
using GreenCommunity.Dashboard.Exports;
using GreenCommunity.Data.Communities;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reference;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Regions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenCommunity.Dashboard.Api;

/// <summary>
/// GET /api/v1/communities: the community list of today for other systems, paged as JSON or whole as .xlsx
/// (<c>format=xlsx</c>, at most <see cref="CommunityListQuery.MaxRows"/> rows). A bearer token reads it, and so does a
/// signed-in person's session, so that the list page's download link works in the browser.
/// </summary>
public static class CommunityListApi
{
    /// <summary>A bearer token when the request has one (or has no session); the page's session otherwise.</summary>
    public const string Scheme = "ApiTokenOrSession";

    public const string Policy = "CommunityListReader";

    private const string SessionCookie = "gc.session";

    public static IServiceCollection AddCommunityListApi(this IServiceCollection services)
    {
        services.AddAuthentication().AddPolicyScheme(Scheme, null, o => o.ForwardDefaultSelector = context =>
            context.Request.Headers.Authorization.Count == 0 && context.Request.Cookies.ContainsKey(SessionCookie)
                ? CookieAuthenticationDefaults.AuthenticationScheme
                : ApiAuthentication.Scheme);
        // Any API token reads; of people, those the working pages are for (not a display screen), with a password of their own.
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireAssertion(context =>
            context.User.HasClaim(c => c.Type == ApiAuthentication.ScopeClaim)
            || ((context.User.IsInRole(DashboardRoles.Admin) || context.User.IsInRole(DashboardRoles.Coordinator) || context.User.IsInRole(DashboardRoles.Viewer)
                    || context.User.IsInRole(DashboardRoles.Department))
                && !context.User.MustChangePassword())));
        return services;
    }

    public static RouteGroupBuilder MapCommunityListApi(this RouteGroupBuilder api)
    {
        api.MapGet("/communities", ListAsync).WithName("ListCommunities")
            .WithSummary("Today's communities, filtered, sorted and paged; format=xlsx for all matching rows as a workbook")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<CommunityListResponse>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpRequest request, CommunityListQuery list, RegionQueries regions, PresentDay present, Campaign campaign, CancellationToken cancellationToken)
    {
        var parameters = CommunityListParameters.Parse(name => request.Query.TryGetValue(name, out var v) ? v.ToString() : null, readLocality: true, out var errors);
        var format = request.Query.TryGetValue("format", out var f) ? f.ToString() : "";
        if (format is not ("" or "json" or "xlsx"))
        {
            errors["format"] = ["json (the default) or xlsx."];
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }
        var filter = parameters.Filter;
        var all = await regions.GetAllAsync(cancellationToken);
        var locality = filter.Locality is { } localityCode ? all.FirstOrDefault(r => r.Code == localityCode && r.Level == RegionLevel.Prefecture) : null;
        if (filter.Locality is not null && locality is null)
        {
            return ApiProblems.NotFound($"No prefecture-level locality {filter.Locality}.");
        }
        var county = filter.County is { } countyCode ? all.FirstOrDefault(r => r.Code == countyCode && r.Level == RegionLevel.County) : null;
        if (filter.County is not null && county is null)
        {
            return ApiProblems.NotFound($"No county-level unit {filter.County}.");
        }
        if (format == "xlsx")
        {
            var rows = await list.GetAllAsync(filter, cancellationToken);
            var regionName = locality?.Name ?? all.FirstOrDefault(r => r.IsRoot)?.Name ?? campaign.ProvinceCode;
            var bytes = CommunityListWorkbook.Create(regionName, present.Today, CommunityListWorkbook.DescribeFilters(filter, county?.Name), rows);
            return TypedResults.File(bytes, TableWorkbook.ContentType, $"communities-{locality?.Code ?? campaign.ProvinceCode}-{IsoDay.Text(present.Today)}.xlsx");
        }
        var page = await list.GetPageAsync(filter, parameters.Page, parameters.PageSize, cancellationToken);
        return TypedResults.Ok(new CommunityListResponse(page.Total, parameters.Page, parameters.PageSize, page.Items.Select(CommunityListItem.From).ToList()));
    }
}
