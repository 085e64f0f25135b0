using GreenCommunity.Dashboard.Compliance;
using GreenCommunity.Dashboard.Model;
using Microsoft.AspNetCore.Components;

namespace GreenCommunity.Dashboard.Components.Controls.Compliance;

/// <summary>
/// What shows the compliance grid of a day: it takes the shared grid (never queries itself) and, when it shows today,
/// re-renders with each new grid the live view brings.
/// </summary>
public abstract class ComplianceViewBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private IDisposable? _subscription;

    [Inject]
    public required ComplianceBoards Boards { get; init; }

    protected ComplianceSnapshot? Snapshot { get; private set; }

    /// <summary>The day shown; set by the derived component before the grid is taken.</summary>
    protected abstract ShownDay ShownDay { get; }

    protected override void OnInitialized() => _subscription = Boards.Subscribe(OnNewGridAsync);

    protected override async Task OnParametersSetAsync()
    {
        var day = ShownDay;
        var snapshot = await Boards.GetAsync(day.Past, _cancellation.Token);
        if (ShownDay == day)
        {
            Snapshot = snapshot;
        }
    }

    private Task OnNewGridAsync(ComplianceSnapshot fresh) => InvokeAsync(() =>
    {
        if (ShownDay.IsToday && fresh.Day == ShownDay.AsOf && !ReferenceEquals(fresh, Snapshot))
        {
            Snapshot = fresh;
            StateHasChanged();
        }
    });

    public void Dispose()
    {
        _subscription?.Dispose();
        _cancellation.Cancel();
        GC.SuppressFinalize(this);
    }
}
