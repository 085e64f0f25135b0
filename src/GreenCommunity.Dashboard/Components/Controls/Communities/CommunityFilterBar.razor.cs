using System.Globalization;
using GreenCommunity.Dashboard.Communities;
using GreenCommunity.Data.Communities;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Regions;
using Microsoft.AspNetCore.Components;

namespace GreenCommunity.Dashboard.Components.Controls.Communities;

/// <summary>The list's filters as fields; each change hands the whole new filter up (the view puts it in the address).</summary>
public sealed partial class CommunityFilterBar
{
    [Inject]
    public required CommunityListQuery Query { get; init; }

    [Parameter, EditorRequired]
    public required CommunityListFilter Filter { get; set; }

    [Parameter, EditorRequired]
    public required IReadOnlyList<Region> Regions { get; set; }

    [Parameter]
    public EventCallback<CommunityListFilter> FilterChanged { get; set; }

    /// <summary>The province's list: a locality chosen opens that locality's list.</summary>
    [Parameter]
    public EventCallback<string?> LocalityChanged { get; set; }

    private IReadOnlyList<(string Code, string Name)> _towns = [];
    private string? _townsOf;
    private bool _open;

    private string FieldsClass => _open ? "pa-3 mb-2 filter-fields open" : "pa-3 mb-2 filter-fields";

    private IEnumerable<Region> Localities => Regions.Where(r => r.Level == RegionLevel.Prefecture);

    private IEnumerable<Region> Counties => Regions.Where(r => r.Level == RegionLevel.County && r.ParentCode == Filter.Locality);

    private IReadOnlyList<string> UnmetValues =>
        [.. (Filter.AnyUnmet ? [CommunityListParameters.AnyUnmet] : Array.Empty<string>()), .. Filter.Unmet.Select(n => n.ToString(CultureInfo.InvariantCulture))];

    private string UnmetText => string.Join("、", (Filter.AnyUnmet ? [Loc[nameof(Resources.CommunityList.AnyUnmet)].Value] : Array.Empty<string>())
        .Concat(Filter.Unmet.Select(n => Loc[nameof(Resources.CommunityList.Criterion), n].Value)));

    private double? C12Percent => Filter.C12Below is { } share ? Math.Round(share * 100, 2) : null;

    protected override async Task OnParametersSetAsync()
    {
        if (Filter.County != _townsOf)
        {
            _townsOf = Filter.County;
            _towns = Filter.County is { } county ? await Query.TownsAsync(county, CancellationToken.None) : [];
        }
    }

    private string StageName(Stage stage) => Submit.StageLabels.Name(stage, StageLoc);

    private static string Name(Region region) =>
        CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? region.Name : region.NameEn;

    private Task Change(CommunityListFilter filter) => FilterChanged.InvokeAsync(filter);

    private Task QueryChanged(string? text) => Change(Filter with { Query = string.IsNullOrWhiteSpace(text) ? null : text.Trim() });

    private Task CountyChanged(string? county) => Change(Filter with { County = county, Town = null });

    private Task TownChanged(string? town) => Change(Filter with { Town = town });

    private Task StagesChanged(IEnumerable<Stage> stages) => Change(Filter with { Stages = [.. stages.Distinct().Order()] });

    private Task UnmetChanged(IEnumerable<string> values)
    {
        var chosen = values.ToList();
        var numbers = chosen.Where(v => v != CommunityListParameters.AnyUnmet).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        return Change(Filter with { AnyUnmet = chosen.Contains(CommunityListParameters.AnyUnmet), Unmet = numbers });
    }

    private Task C12Changed(double? percent) => Change(Filter with { C12Below = percent is { } p ? Math.Clamp(p, 0, 100) / 100 : null });

    private Task QuietChanged(int? months) => Change(Filter with { QuietMonths = months is { } m ? Math.Clamp(m, 1, CommunityListParameters.MaxQuietMonths) : null });

    /// <summary>The demonstration filter's choice as the address writes it: "true", "false", or "any" for both.</summary>
    private const string AnyDemonstration = "any";

    private string DemonstrationValue => Filter.Demonstration switch
    {
        true => "true",
        false => "false",
        null => AnyDemonstration,
    };

    private Task DemonstrationChanged(string? value) =>
        Change(Filter with { Demonstration = bool.TryParse(value, out var demonstration) ? demonstration : null });

    private Task PilotChanged(bool pilot) => Change(Filter with { EverPilot = pilot, NeverPilot = false });
}
