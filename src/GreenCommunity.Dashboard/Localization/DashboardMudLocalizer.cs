using Microsoft.Extensions.Localization;
using MudBlazor;

namespace GreenCommunity.Dashboard.Localization;

/// <summary>MudBlazor's own strings in Chinese; in English MudBlazor's built-in text is used.</summary>
public sealed class DashboardMudLocalizer(IStringLocalizer<Resources.MudStrings> localizer) : MudLocalizer
{
    public override LocalizedString this[string key] => localizer[key];
}
