using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace GreenCommunity.Dashboard.Localization;

/// <summary>Chinese by default, English on request: the resources, MudBlazor's own strings, and how a request's language is chosen.</summary>
public static class LocalizationExtensions
{
    /// <summary>After <see cref="Components.ComponentsExtensions.AddDashboardComponents"/>: MudBlazor's strings come from our resources.</summary>
    public static IServiceCollection AddDashboardLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<IStringLocalizerFactory, CountryWordsLocalizerFactory>();   // replaces the default; wraps it
        services.AddTransient<MudLocalizer, DashboardMudLocalizer>();
        services.AddSingleton<ReportProblemTexts>();
        return services;
    }

    public static IApplicationBuilder UseDashboardLocalization(this IApplicationBuilder app) => app.UseRequestLocalization(options =>
    {
        options.SetDefaultCulture(DashboardCultures.Chinese)
            .AddSupportedCultures(DashboardCultures.Supported)
            .AddSupportedUICultures(DashboardCultures.Supported);
        options.ApplyCurrentCultureToResponseHeaders = true;
        // Chinese unless the user chose English: the browser's Accept-Language does not decide.
        options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
    });
}
