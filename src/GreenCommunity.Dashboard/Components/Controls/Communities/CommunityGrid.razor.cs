using GreenCommunity.Dashboard.Communities;
using GreenCommunity.Data.Communities;
using GreenCommunity.Domain.Communities;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GreenCommunity.Dashboard.Components.Controls.Communities;

/// <summary>
/// The list itself: MudDataGrid pages and sorts on the server (one query for the page, one for the total). It starts at
/// the page and sort of <see cref="Parameters"/> and reports what it loaded; a new filter is a new grid (the view keys it).
/// </summary>
public sealed partial class CommunityGrid
{
    private static readonly int[] s_pageSizes = [25, 50, 100, 200];

    /// <summary>The grid's column property names and the list's columns.</summary>
    private static readonly Dictionary<string, CommunityListColumn> s_columns = new(StringComparer.Ordinal)
    {
        [nameof(CommunityListRow.Name)] = CommunityListColumn.Name,
        [nameof(CommunityListRow.CountyName)] = CommunityListColumn.County,
        [nameof(CommunityListRow.TownName)] = CommunityListColumn.Town,
        [nameof(CommunityListRow.Stage)] = CommunityListColumn.Stage,
        [nameof(CommunityListRow.Since)] = CommunityListColumn.Since,
        [nameof(CommunityListRow.CriteriaMet)] = CommunityListColumn.CriteriaMet,
        [nameof(CommunityListRow.LastReport)] = CommunityListColumn.LastReport,
    };

    [Inject]
    public required CommunityListQuery Query { get; init; }

    [Parameter, EditorRequired]
    public required CommunityListParameters Parameters { get; set; }

    [Parameter]
    public EventCallback<CommunityGridLoad> Loaded { get; set; }

    /// <summary>The page asked for is past the last one: the last page's parameters. This grid then loads nothing more.</summary>
    [Parameter]
    public EventCallback<CommunityGridLoad> BeyondLastPage { get; set; }

    private bool _replaced;

    private SortDirection Direction(CommunityListColumn column) =>
        Parameters.Filter.Sort.Column != column ? SortDirection.None : Parameters.Filter.Sort.Descending ? SortDirection.Descending : SortDirection.Ascending;

    private string StageName(Stage stage) => Submit.StageLabels.Name(stage, StageLoc);

    private async Task<GridData<CommunityListRow>> LoadAsync(GridState<CommunityListRow> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault() is { } definition && s_columns.TryGetValue(definition.SortBy, out var column)
            ? new CommunityListSort(column, definition.Descending)
            : CommunityListSort.Default;
        var loaded = Parameters with { Filter = Parameters.Filter with { Sort = sort }, Page = state.Page + 1, PageSize = state.PageSize };
        if (_replaced)
        {
            return new GridData<CommunityListRow> { Items = [], TotalItems = 0 };
        }
        var page = await Query.GetPageAsync(loaded.Filter, loaded.Page, loaded.PageSize, cancellationToken);
        if (page.Items.Count == 0 && page.Total > 0 && loaded.Page > 1)
        {
            // MudDataGrid would go back to page 1 without a word; the view opens the last page instead and says so.
            _replaced = true;
            var last = (int)Math.Min((page.Total + loaded.PageSize - 1) / loaded.PageSize, CommunityListParameters.MaxPage);
            await BeyondLastPage.InvokeAsync(new CommunityGridLoad(loaded with { Page = last }, page.Total));
            return new GridData<CommunityListRow> { Items = [], TotalItems = 0 };
        }
        await Loaded.InvokeAsync(new CommunityGridLoad(loaded, page.Total));
        return new GridData<CommunityListRow> { Items = page.Items, TotalItems = (int)Math.Min(page.Total, int.MaxValue) };
    }
}
