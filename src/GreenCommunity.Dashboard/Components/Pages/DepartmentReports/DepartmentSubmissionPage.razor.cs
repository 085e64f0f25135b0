using GreenCommunity.Dashboard.Components.Controls.DepartmentReports;
using GreenCommunity.Data.Departments;
using GreenCommunity.Domain.Campaigns;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Pages.DepartmentReports;

/// <summary>One department's annual report or plan (/department-reports/{id}), its text exactly as sent; read-only for any account.</summary>
public sealed partial class DepartmentSubmissionPage : IDisposable
{
    private readonly CancellationTokenSource _leaving = new();
    private bool _loaded;

    [Inject]
    public required DepartmentQueries Queries { get; init; }

    [Inject]
    public required Campaign Campaign { get; init; }

    [Inject]
    public required IStringLocalizer<Resources.Departments> Loc { get; init; }

    [Parameter]
    public required string SubmissionId { get; set; }

    private DepartmentSubmission? Submission { get; set; }

    private IReadOnlyList<Department> Departments { get; set; } = [];

    /// <summary>The newest text of the same report: lists show it first; this one may be an earlier revision.</summary>
    private string? NewestId { get; set; }

    private DepartmentTexts Texts => new(Loc);

    private string Title => Submission is { } s
        ? Loc[nameof(Resources.Departments.ReadingTitle), DepartmentTexts.DepartmentName(Departments, s.Department), Texts.Duty(s.Duty)]
        : Loc[nameof(Resources.Departments.PageTitle)];

    protected override async Task OnParametersSetAsync()
    {
        Departments = await Queries.DepartmentsAsync(_leaving.Token);
        Submission = await Queries.GetAsync(SubmissionId, _leaving.Token);
        NewestId = Submission is { } s ? await Queries.NewestIdAsync(s.Department, s.Duty, _leaving.Token) : null;
        _loaded = true;
    }

    public void Dispose()
    {
        _leaving.Cancel();
        _leaving.Dispose();
    }
}
