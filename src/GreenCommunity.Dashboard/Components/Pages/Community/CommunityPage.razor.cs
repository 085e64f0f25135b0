using GreenCommunity.Dashboard.Model;
using GreenCommunity.Data.Communities;
using GreenCommunity.Domain.Campaigns;
using Microsoft.AspNetCore.Components;

namespace GreenCommunity.Dashboard.Components.Pages.Community;

/// <summary>
/// One community on a day (<c>?asOf=</c>, read as every page reads it): where it is, its stage and path, its criteria
/// and their changes, what acceptance still lacks, the reports that touched it. An unknown code is the not-found page.
/// </summary>
public sealed partial class CommunityPage : IDisposable
{
    private readonly CancellationTokenSource _leaving = new();

    [Inject]
    public required CommunityQueries Communities { get; init; }

    [Inject]
    public required CommunityRecordQueries Records { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Parameter]
    public required string Code { get; set; }

    [SupplyParameterFromQuery(Name = ShownDay.QueryName)]
    public string? AsOfText { get; set; }

    private CommunityRecord? Record { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var day = ShownDay.Parse(AsOfText, ChinaTime.DateAt(Clock.GetUtcNow()));
        var token = _leaving.Token;
        var place = await Records.PlaceAsync(Code, token);
        var detail = place is null ? null : await Communities.GetAsync(Code, day.AsOf, token);
        if (place is null || detail is null)
        {
            Record = null;
            Navigation.NotFound();   // /community/420102999999 is a dead end: the not-found page, status 404, a way back
            return;
        }
        var assessments = await Records.CriterionHistoryAsync(Code, day.AsOf, token);
        var reports = await Records.ReportsTouchingAsync(Code, day.AsOf, token);
        Record = CommunityRecord.Build(detail, place, assessments, reports, day);
    }

    public void Dispose()
    {
        // Cancelled, not disposed: a read under way may still hold the token.
        _leaving.Cancel();
    }
}
