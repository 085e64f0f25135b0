using System.Globalization;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Data.Communities;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Reports;
using GreenCommunity.Domain.Regions;
using Microsoft.AspNetCore.Components;

namespace GreenCommunity.Dashboard.Components.Pages.Reports;

/// <summary>
/// One received report, readable: the page the live feed, the audit log and a community's page link to. An unknown
/// id is the not-found page.
/// </summary>
public sealed partial class ReportPage : IDisposable
{
    private readonly CancellationTokenSource _leaving = new();

    [Inject]
    public required ReportQueries Reports { get; init; }

    [Inject]
    public required CommunityRecordQueries Records { get; init; }

    [Inject]
    public required ProgressReader Progress { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Parameter]
    public required string Id { get; set; }

    private ReportView? View { get; set; }

    private Region? Locality { get; set; }

    private string LocalityName => Locality?.DisplayName(DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture)) ?? View?.Report.Locality ?? "";

    protected override async Task OnParametersSetAsync()
    {
        var token = _leaving.Token;
        var record = await Reports.GetAsync(Id, token);
        if (record is null)
        {
            View = null;
            Navigation.NotFound();   // an id no report has: the not-found page, status 404, a way back
            return;
        }
        var body = StoredReportBody.Read(record.Body);
        // One query for every community the report names, however many.
        var places = await Records.PlacesAsync(body.Updates.Select(u => u.Community), token);
        View = ReportView.Build(record, body, places);
        Locality = (await Progress.GetRegionsAsync(token)).FirstOrDefault(r => r.Level == RegionLevel.Prefecture && r.Code == record.Report.Locality);
    }

    public void Dispose()
    {
        // Cancelled, not disposed: a read under way may still hold the token.
        _leaving.Cancel();
    }
}
