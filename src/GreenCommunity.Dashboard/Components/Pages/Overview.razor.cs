using System.Globalization;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Pages;

public sealed partial class Overview : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();

    [Inject]
    public required OverviewModelBuilder Builder { get; init; }

    private OverviewModel? Model { get; set; }

    private static bool English => DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture);

    private string CampaignName => Model is null ? "" : English ? Model.Campaign.NameEn : Model.Campaign.Name;

    [Inject]
    public required IStringLocalizer<Resources.Overview> Loc { get; init; }

    private string? MarksNote => Model is null ? null : Loc[nameof(Resources.Overview.TableMarksNote),
        DueOf(Model.Pilots), DueOf(Model.Started), DueOf(Model.Accepted)].Value;

    private static string DueOf(MilestoneStatus? status) =>
        status?.Milestone.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    protected override async Task OnInitializedAsync() =>
        Model = await Builder.BuildAsync(null, _cancellation.Token);

    public void Dispose()
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
    }
}
