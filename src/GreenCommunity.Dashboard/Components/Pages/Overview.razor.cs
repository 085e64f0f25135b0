using System.Collections.Concurrent;
using System.Globalization;
using GreenCommunity.Dashboard.Live;
using GreenCommunity.Dashboard.Maps;
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

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required GreenCommunity.Data.Progress.ProgressReader Progress { get; init; }

    /// <summary>?asOf=2022-06-30: the day every figure on the page is for; absent means today.</summary>
    [SupplyParameterFromQuery(Name = "asOf")]
    public string? AsOfText { get; set; }

    private DateOnly? _asOf;
    private CancellationTokenSource? _replay;

    private DateOnly Today => Progress.Today;

    private bool Playing => _replay is not null;

    private MapMetric Metric { get; set; } = MapMetric.StartedRate;

    /// <summary>Bumped on each live refresh, so that the charts reload their history for the same day.</summary>
    private int ChartsVersion { get; set; }

    /// <summary>The locality whose report just arrived, flashed on the map for a few seconds.</summary>
    private string? Highlight { get; set; }

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
        var (latest, _) = await Reports.ListAsync(null, null, 1, FeedSize, _cancellation.Token);
        Feed = latest.Select(FeedItem.From).ToList();
        _throttler = new CallbackThrottler(RefreshAsync, CallbackThrottler.DefaultInterval, Clock);
        _subscription = Notifier.Subscribe(OnReportAsync);
    }

    protected override async Task OnParametersSetAsync()
    {
        _asOf = DateOnly.TryParseExact(AsOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day < Today ? day : null;
        Model = await Builder.BuildAsync(_asOf, _cancellation.Token);
    }

    private string LocalityLink(string code) =>
        _asOf is { } day ? $"/locality/{code}?asOf={day:yyyy-MM-dd}" : $"/locality/{code}";

    private Task OnAsOfChangedAsync(DateOnly? day)
    {
        StopReplay();
        Navigation.NavigateTo(day is { } d && d < Today ? $"/?asOf={d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "/");
        return Task.CompletedTask;
    }

    /// <summary>Replay: from the campaign's start, one month-end after another, up to the chosen day (or today).</summary>
    private async Task PlayAsync(int monthsPerSecond)
    {
        StopReplay();
        var replay = _replay = CancellationTokenSource.CreateLinkedTokenSource(_cancellation.Token);
        var end = _asOf ?? Today;
        var start = Model!.Campaign.Start;
        var day = new DateOnly(start.Year, start.Month, 1).AddMonths(1).AddDays(-1);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / monthsPerSecond), Clock);
        try
        {
            while (!replay.IsCancellationRequested)
            {
                var frame = day < end ? day : end;
                var model = await Builder.BuildAsync(frame, replay.Token);
                await InvokeAsync(() => { Model = model; StateHasChanged(); });
                if (frame == end)
                {
                    break;
                }
                day = day.AddDays(1).AddMonths(1).AddDays(-1);
                await timer.WaitForNextTickAsync(replay.Token);
            }
        }
        catch (OperationCanceledException) when (replay.IsCancellationRequested)
        {
            // Paused or the page closed.
        }
        if (_replay == replay)
        {
            _replay = null;
            replay.Dispose();
            StateHasChanged();
        }
    }

    /// <summary>Pausing keeps the frame on screen and in the address, so the view can be shared.</summary>
    private Task PauseAsync()
    {
        var shown = Model?.AsOf;
        StopReplay();
        if (shown is { } day)
        {
            Navigation.NavigateTo(day < Today ? $"/?asOf={day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "/", replace: true);
        }
        return Task.CompletedTask;
    }

    private void StopReplay()
    {
        var replay = _replay;
        _replay = null;
        replay?.Cancel();
    }

    private string LocalityName(string code) =>
        Model?.Localities.FirstOrDefault(l => l.Region.Code == code)?.Region.DisplayName(English) ?? code;

    private Task OnReportAsync(ReportNotice notice)
    {
        _incoming.Enqueue(FeedItem.From(notice));
        _throttler?.Trigger();
        _ = FlashAsync(notice.Locality);
        return Task.CompletedTask;
    }

    private async Task FlashAsync(string locality)
    {
        await InvokeAsync(() => { Highlight = locality; StateHasChanged(); });
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3), Clock, _cancellation.Token);
            await InvokeAsync(() =>
            {
                if (Highlight == locality)
                {
                    Highlight = null;
                    StateHasChanged();
                }
            });
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    /// <summary>At most once per throttle interval: new figures from the store, new lines at the top of the feed.</summary>
    private async Task RefreshAsync()
    {
        try
        {
            if (Playing)
            {
                return;   // the replay owns the figures; the feed catches up when it stops
            }
            var model = await Builder.BuildAsync(_asOf, _cancellation.Token);
            await InvokeAsync(() =>
            {
                Model = model;
                ChartsVersion++;
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
        StopReplay();
        _cancellation.Cancel();
    }
}
