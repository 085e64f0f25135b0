using System.Security.Claims;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Data.Departments;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Pages.DepartmentReports;

/// <summary>
/// The departments' annual reports and plans (/department-reports): a department account sends its own here and sees
/// what it sent; the province, viewers and coordinators read every department's list.
/// </summary>
public sealed partial class DepartmentReportsPage : IDisposable
{
    private readonly CancellationTokenSource _leaving = new();

    [Inject]
    public required DepartmentQueries Queries { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Departments> Loc { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private ClaimsPrincipal User { get; set; } = new();

    /// <summary>The signed-in department account's department; null for everyone else, who only read.</summary>
    private string? OwnDepartment { get; set; }

    private IReadOnlyList<Department> Departments { get; set; } = [];

    private IReadOnlyList<DepartmentSubmission>? Submissions { get; set; }

    protected override async Task OnInitializedAsync()
    {
        User = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        OwnDepartment = User.DepartmentScope();
        Departments = await Queries.DepartmentsAsync(_leaving.Token);
        await LoadAsync();
    }

    private async Task LoadAsync() => Submissions = await Queries.SubmissionsAsync(OwnDepartment, _leaving.Token);

    public void Dispose()
    {
        _leaving.Cancel();
        _leaving.Dispose();
    }
}
