using System.Globalization;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Maps;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Regions;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Pages;

/// <summary>One locality: its figures, its county-level units on the map and in the table, on any day.</summary>
public sealed partial class LocalityPage
{
    [Inject]
    public required OverviewModelBuilder Builder { get; init; }

    [Inject]
    public required ProgressReader Progress { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Overview> Loc { get; init; }

    [Parameter]
    public required string Code { get; set; }

    [SupplyParameterFromQuery(Name = "asOf")]
    public string? AsOfText { get; set; }

    private OverviewModel? Model { get; set; }

    private bool NotFound { get; set; }

    private MapMetric Metric { get; set; } = MapMetric.StartedRate;

    private DateOnly? _asOf;

    private DateOnly Today => Progress.Today;

    private static bool English => DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture);

    private string ProvinceLink => _asOf is { } day ? $"/?asOf={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "/";

    protected override async Task OnParametersSetAsync()
    {
        _asOf = DateOnly.TryParseExact(AsOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day < Today ? day : null;
        var regions = await Progress.GetRegionsAsync(CancellationToken.None);
        NotFound = !regions.Any(r => r.Level == RegionLevel.Prefecture && r.Code == Code);
        Model = NotFound ? null : await Builder.BuildAsync(Code, _asOf, CancellationToken.None);
    }

    private Task OnAsOfChangedAsync(DateOnly? day)
    {
        Navigation.NavigateTo(day is { } d && d < Today ? $"/locality/{Code}?asOf={d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : $"/locality/{Code}");
        return Task.CompletedTask;
    }
}
