using System.Security.Claims;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Data.Inspections;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GreenCommunity.Dashboard.Components.Pages.Inspections;

/// <summary>One inspection: its findings and answers; the community's own coordinator answers the open ones here.</summary>
public sealed partial class InspectionPage : IDisposable
{
    private readonly CancellationTokenSource _leaving = new();

    [Inject]
    public required InspectionQueries Queries { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Parameter]
    public required string InspectionId { get; set; }

    private InspectionView? Inspection { get; set; }

    private bool Loaded { get; set; }

    /// <summary>The answer is the locality's: its coordinator only (the service checks again).</summary>
    private bool MayAnswer { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        MayAnswer = Inspection is not null && user.ReportingScope()?.LocalityCode == Inspection.Locality;
    }

    private async Task LoadAsync()
    {
        Inspection = await Queries.GetAsync(InspectionId, _leaving.Token);
        Loaded = true;
    }

    public void Dispose()
    {
        _leaving.Cancel();
        _leaving.Dispose();
    }
}
