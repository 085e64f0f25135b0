using System.Text.Encodings.Web;
using System.Text.Unicode;
using GreenCommunity.Dashboard.LiveView;
using MudBlazor.Services;

namespace GreenCommunity.Dashboard.Components;

/// <summary>The pages: interactive server components with MudBlazor, on circuits tuned for many long-lived live pages.</summary>
public static class ComponentsExtensions
{
    public static IServiceCollection AddDashboardComponents(this IServiceCollection services)
    {
        // Chinese text as text in the HTML, not as &#x...; entities (pages are a third the size and readable).
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddRazorComponents().AddInteractiveServerComponents(CircuitSettings.Apply).AddHubOptions(CircuitSettings.ApplyHub);
        services.AddMudServices();
        return services;
    }

    public static IEndpointRouteBuilder MapDashboardComponents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return endpoints;
    }
}
