using System.Globalization;
using System.Security.Claims;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Admin;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Regions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GreenCommunity.Dashboard.Components.Pages.Admin;

/// <summary>What the admin pages share: the signed-in caller (passed to every action), the localities, formatting.</summary>
public abstract class AdminPageBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _leaving = new();

    /// <summary>
    /// Cancelled when the page goes away: for reads, which no one will see then. Writes (issue, revoke, create) are not
    /// cancelled once begun: they are audited and their outcome must be whole either way.
    /// </summary>
    protected CancellationToken Leaving => _leaving.Token;

    [Inject]
    public required AccountAdministration Administration { get; init; }

    [Inject]
    public required ProgressReader Progress { get; init; }

    [Inject]
    public required ClientAddress Address { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected ClaimsPrincipal Caller { get; private set; } = new();

    protected IReadOnlyList<Region> Localities { get; private set; } = [];

    protected string? Message { get; set; }

    protected bool MessageIsError { get; set; }

    protected static bool English => DashboardCultures.IsEnglish(CultureInfo.CurrentUICulture);

    protected override async Task OnInitializedAsync()
    {
        Caller = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        Localities = (await Progress.GetRegionsAsync(Leaving)).Where(r => r.Level == RegionLevel.Prefecture).ToList();
        await LoadAsync();
    }

    protected abstract Task LoadAsync();

    protected string LocalityName(string? code) => Localities.FirstOrDefault(l => l.Code == code)?.DisplayName(English) ?? code ?? "";

    protected static string Cst(DateTimeOffset? instant) =>
        instant?.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "—";

    public void Dispose()
    {
        _leaving.Cancel();
        _leaving.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Shows an action's outcome; returns true when it was done.</summary>
    protected bool Report<T>(AdminResult<T> result, string doneMessage)
    {
        MessageIsError = result.Status != AdminStatus.Done;
        Message = MessageIsError ? result.Message : doneMessage;
        return !MessageIsError;
    }
}
