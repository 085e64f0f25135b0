using AngleSharp.Dom;
using Bunit;
using GreenCommunity.Dashboard.Components.Pages;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Domain.Communities;
using MudBlazor;

namespace GreenCommunity.Dashboard.Tests.Components;

/// <summary>What a person does on the submit page, for its tests in either language.</summary>
internal static class SubmitPage
{
    /// <summary>A community of a locality at a stage in the factory's store (the demo played), with whether it was ever a pilot.</summary>
    public static Task<string> CommunityAtAsync(DashboardFactory factory, string locality, Stage stage) => factory.ScalarAsync<string>(
        "SELECT c.code FROM communities c JOIN community_state s ON s.community_code = c.code WHERE c.locality_code = @locality AND s.stage = @stage ORDER BY c.code LIMIT 1",
        new { locality, stage = (int)stage });

    /// <summary>Types into a row's community field and leaves it, as a person does.</summary>
    public static void TypeCommunity(IRenderedComponent<SubmitReport> cut, int row, string text)
    {
        var input = cut.Find($"input[data-testid='update-{row}-community']");
        input.Input(text);
        cut.Find($"input[data-testid='update-{row}-community']").Blur();
    }

    /// <summary>The community field's value as the browser shows it.</summary>
    public static string CommunityText(IRenderedComponent<SubmitReport> cut, int row) =>
        cut.Find($"input[data-testid='update-{row}-community']").GetAttribute("value") ?? "";

    /// <summary>The text under a field (its error, else its helper), found from the input or select that carries the test id.</summary>
    public static string FieldMessage(IRenderedComponent<SubmitReport> cut, string testId)
    {
        var field = cut.Find($"[data-testid='{testId}']");
        var control = field.Closest(".mud-input-control") ?? throw new InvalidOperationException($"{testId} is not in an input control");
        return control.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
    }

    public static bool FieldShowsError(IRenderedComponent<SubmitReport> cut, string testId) =>
        cut.Find($"[data-testid='{testId}']").Closest(".mud-input-control")!.QuerySelector(".mud-input-error") is not null;

    /// <summary>
    /// Opens a row's stage list and reads its options' texts (rendered by the popover provider, as in the app's layout;
    /// the community list, which a test's blur does not close, is not among them).
    /// </summary>
    public static async Task<IReadOnlyList<string>> StageOptionsAsync(IRenderedComponent<SubmitReport> cut, IRenderedComponent<MudPopoverProvider> popovers, int row)
    {
        var select = cut.FindComponents<MudSelect<Stage?>>()[row];
        await cut.InvokeAsync(select.Instance.OpenMenu);
        popovers.WaitForElement(".mud-popover-open .mud-list-item");
        return popovers.FindAll(".mud-popover-open")
            .Where(popover => popover.QuerySelector("[data-testid='community-option']") is null)
            .SelectMany(popover => popover.QuerySelectorAll(".mud-list-item"))
            .Select(item => item.TextContent.Trim())
            .ToList();
    }

    /// <summary>All the text a person reads on the page.</summary>
    public static string Visible(IRenderedComponent<SubmitReport> cut) => cut.Find(".submit-report").TextContent;

    public static IElement Summary(IRenderedComponent<SubmitReport> cut) => cut.Find("[data-testid='error-list']");
}
