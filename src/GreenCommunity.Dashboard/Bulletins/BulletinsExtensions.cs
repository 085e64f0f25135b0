using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Exports;
using GreenCommunity.Data.Bulletins;

namespace GreenCommunity.Dashboard.Bulletins;

/// <summary>Bulletins (通报): their store, figures, writes, readers and notices, and the pages' download of a bulletin's file.</summary>
public static class BulletinsExtensions
{
    public static IServiceCollection AddBulletins(this IServiceCollection services)
    {
        services.AddSingleton<BulletinStore>();
        services.AddSingleton<OpenFindingQueries>();
        services.AddSingleton<BulletinFiguresSource>();
        services.AddSingleton<BulletinReader>();
        services.AddSingleton<BulletinNotices>();
        services.AddSingleton<BulletinActions>();
        return services;
    }

    /// <summary>The page's link to a bulletin's file: "/bulletins/{id}/workbook".</summary>
    public static string WorkbookPath(string bulletinId) => $"/bulletins/{Uri.EscapeDataString(bulletinId)}/workbook";

    /// <summary>The file for a signed-in person's session (the API's answers bearer tokens).</summary>
    public static IEndpointRouteBuilder MapBulletinWorkbook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/bulletins/{id}/workbook", (string id, HttpContext context, BulletinReader reader, CancellationToken cancellationToken) =>
            WorkbookAsync(id, context.User.ReportingScope() is { IsProvince: true }, reader, cancellationToken))
            .RequireAuthorization(DashboardPolicies.Staff).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>A bulletin's .xlsx, or 404 when there is none the reader may see.</summary>
    public static async Task<IResult> WorkbookAsync(string id, bool province, BulletinReader reader, CancellationToken cancellationToken)
    {
        if (await reader.GetAsync(id, province, cancellationToken) is not { } document)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No bulletin {id}.");
        }
        var file = BulletinWorkbook.Create(document.Record, document.Figures, await reader.ProvinceNameAsync(cancellationToken));
        var name = document.Record.IsPublished
            ? $"通报-{document.Record.NumberYear}-{document.Record.Number:D2}-{document.Record.Month}.xlsx"
            : $"通报草稿-{document.Record.Month}.xlsx";
        return TypedResults.File(file, TableWorkbook.ContentType, name);
    }
}
