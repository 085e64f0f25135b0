using GreenCommunity.Dashboard.Components.Controls.Compliance;
using GreenCommunity.Dashboard.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Pages.Compliance;

/// <summary>
/// Reporting compliance (/compliance): every locality's monthly and annual reports and its plan on a day, the current
/// period's missing reports with their count-down, and the grid as a file for the province. Read-only for any account.
/// </summary>
public sealed partial class CompliancePage : ComplianceViewBase
{
    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Reporting> Loc { get; init; }

    /// <summary>?asOf=2022-06-30: the day the grid is for; absent, not a day or not before today means today.</summary>
    [SupplyParameterFromQuery(Name = ShownDay.QueryName)]
    public string? AsOfText { get; set; }

    private ShownDay Day { get; set; } = null!;

    protected override ShownDay ShownDay => Day;

    protected override Task OnParametersSetAsync()
    {
        Day = ShownDay.Parse(AsOfText, Boards.Today);
        return base.OnParametersSetAsync();
    }

    private string LocalityLink(string code) => Day.Link($"/locality/{code}");

    private void OnDayChanged(DateOnly? day) => Navigation.NavigateTo(ShownDay.Of(day, Day.Today).Link("/compliance"));
}
