using System.Globalization;
using GreenCommunity.Dashboard.Contracts;
using GreenCommunity.Data.Communities;
using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Standard;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenCommunity.Dashboard.Api;

/// <summary>GET /api/v1/summary and /api/v1/communities/{code}: figures and states on any day.</summary>
public static class ProgressApi
{
    public static RouteGroupBuilder MapProgressApi(this RouteGroupBuilder api)
    {
        api.MapGet("/summary", SummaryAsync).WithName("GetSummary").WithSummary("Stage counts of a region and its children on a day")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/communities/{code}", CommunityAsync).WithName("GetCommunity").WithSummary("A community's stage, criteria and history on a day")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<RegionSummary>, ValidationProblem, ProblemHttpResult>> SummaryAsync(ProgressReader progress, Campaign campaign, string? scope, string? asOf, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryReadAsOf(asOf, progress.Today, out var day, out var error))
        {
            return error!;
        }
        var code = RegionCodes.Scope(scope, campaign.ProvinceCode);
        // The region and its children only: on a past day one timeline row each, so the nation's summary does not build its tree.
        if (await progress.GetSummaryAsync(code, day, cancellationToken) is not { } node)
        {
            return ApiProblems.NotFound($"No region {scope}: use 42, a prefecture-level or a county-level code.");
        }
        return TypedResults.Ok(RegionSummary.From(node, day, withChildren: true));
    }

    private static async Task<Results<Ok<CommunityResponse>, ValidationProblem, ProblemHttpResult>> CommunityAsync(CommunityQueries communities, ProgressReader progress, string code, string? asOf, CancellationToken cancellationToken)
    {
        if (!ApiProblems.TryReadAsOf(asOf, progress.Today, out var day, out var error))
        {
            return error!;
        }
        var detail = await communities.GetAsync(code, day, cancellationToken);
        if (detail is null)
        {
            return ApiProblems.NotFound($"No urban community {code}.");
        }
        var criteria = detail.Criteria.ToDictionary(
            c => c.Key.ToString(CultureInfo.InvariantCulture),
            c => GreenCommunityStandard.Get(c.Key).IsShare ? (object)c.Value : c.Value >= 1.0);
        return TypedResults.Ok(new CommunityResponse(detail.Code, detail.Name, detail.County, detail.Locality, day, detail.Stage, detail.Pilot,
            criteria, detail.History.Select(h => new CommunityHistoryItem(h.Effective, h.Stage, h.ReportId)).ToList()));
    }
}
