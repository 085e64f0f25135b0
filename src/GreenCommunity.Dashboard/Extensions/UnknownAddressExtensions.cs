namespace GreenCommunity.Dashboard.Extensions;

/// <summary>An address no endpoint answers is a 404 for everyone, signed in or not.</summary>
public static class UnknownAddressExtensions
{
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
