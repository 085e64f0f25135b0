using Microsoft.AspNetCore.Diagnostics;

namespace GreenCommunity.Dashboard.Extensions;

/// <summary>An address no endpoint answers is a 404 for everyone, signed in or not, and shows the not-found page.</summary>
public static class UnknownAddressExtensions
{
    /// <summary>
    /// Just inside the status code pages: only a GET (or HEAD) that found nothing is re-executed as the not-found page.
    /// Another status is not "page not found", and a re-executed POST would reach the page as a form post it cannot take.
    /// </summary>
    public static IApplicationBuilder UseNotFoundPageForGetOnly(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        var method = context.Request.Method;
        if ((context.Response.StatusCode != StatusCodes.Status404NotFound || !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method)))
            && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
    });

    /// <summary>
    /// Before authentication: without this the fallback policy (a signed-in user for everything) sends an anonymous
    /// visitor of a dead address to the sign-in page, and an API client to it too. Routing has already run (WebApplication
    /// routes first), so "no endpoint" means no page, API or asset has that address.
    /// </summary>
    public static IApplicationBuilder UseNotFoundForUnknownAddresses(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint() is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await next(context);
    });
}
