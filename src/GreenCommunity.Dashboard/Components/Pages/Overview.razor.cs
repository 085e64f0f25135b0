using System.Collections.Concurrent;
using System.Globalization;
using GreenCommunity.Dashboard.Live;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Data.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Pages;

/// <summary>The province overview: figures, milestones, localities, and a live feed that re-renders on new reports.</summary>
public sealed partial class Overview : IDisposable
{
    public const int FeedSize = 12;

    private readonly CancellationTokenSource _cancellation = new();
    private readonly ConcurrentQueue<FeedItem> _incoming = new();
    private IDisposable? _subscription;
    private CallbackThrottler? _throttler;

    [Inject]
    public required OverviewModelBuilder Builder { get; init; }

    [Inject]
    public required ReportQueries Reports { get; init; }

    [Inject]
    public required ProgressNotifier Notifier { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Overview> Loc { get; init; }

    private OverviewModel? Model { get; set; }

    private List<FeedItem> Feed { get; set; } = [];

    private static bool English => DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture);

    private string CampaignName => Model is null ? "" : English ? Model.Campaign.NameEn : Model.Campaign.Name;

    private string? MarksNote => Model is null ? null : Loc[nameof(Resources.Overview.TableMarksNote),
        DueOf(Model.Pilots), DueOf(Model.Started), DueOf(Model.Accepted)].Value;

    private static string DueOf(MilestoneStatus? status) =>
        status?.Milestone.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    protected override async Task OnInitializedAsync()
    {
        Model = await Builder.BuildAsync(null, _cancellation.Token);
        var (latest, _) = await Reports.ListAsync(null, null, 1, FeedSize, _cancellation.Token);
        Feed = latest.Select(FeedItem.From).ToList();
        _throttler = new CallbackThrottler(RefreshAsync, CallbackThrottler.DefaultInterval, Clock);
        _subscription = Notifier.Subscribe(OnReportAsync);
    }

    private string LocalityName(string code) =>
        Model?.Localities.FirstOrDefault(l => l.Region.Code == code)?.Region.DisplayName(English) ?? code;

    private Task OnReportAsync(ReportNotice notice)
    {
        _incoming.Enqueue(FeedItem.From(notice));
        _throttler?.Trigger();
        return Task.CompletedTask;
    }

    /// <summary>At most once per throttle interval: new figures from the store, new lines at the top of the feed.</summary>
    private async Task RefreshAsync()
    {
        try
        {
            var model = await Builder.BuildAsync(null, _cancellation.Token);
            await InvokeAsync(() =>
            {
                Model = model;
                var fresh = new List<FeedItem>();
                while (_incoming.TryDequeue(out var item))
                {
                    fresh.Insert(0, item);
                }
                Feed = fresh.Concat(Feed).DistinctBy(f => f.ReportId).Take(FeedSize).ToList();
                StateHasChanged();
            });
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // The page was closed while refreshing.
        }
#pragma warning disable CA1031 // Surfaced on the circuit rather than thrown into the notifier.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await DispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _throttler?.Dispose();
        // Cancelled, not disposed: a refresh already under way may still read the token.
        _cancellation.Cancel();
    }
}
