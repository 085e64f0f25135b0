using Bunit;
using GreenCommunity.Dashboard.Components.Pages;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Domain.Communities;
using MudBlazor;

namespace GreenCommunity.Dashboard.Tests.Components;

/// <summary>The submit page's messages in English: the same places and reasons as in Chinese.</summary>
public sealed class SubmitReportEnglishTests(DashboardFactory factory) : DashboardTestContext(factory, DashboardCultures.English), IClassFixture<DashboardFactory>
{
    [Fact]
    public void Check_EmptyCommunity_ShowsTheEnglishMessageUnderTheFieldAndNamesTheRow()
    {
        // Arrange
        var cut = SignedIn();

        // Act
        cut.Find("[data-testid='check']").Click();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("Required.", SubmitPage.FieldMessage(cut, "update-0-community")));
        Assert.Equal("Row 1 · Community: Required.", SubmitPage.Summary(cut).QuerySelector("li")!.TextContent);
        Assert.DoesNotContain("updates[", SubmitPage.Visible(cut), StringComparison.Ordinal);
        Assert.DoesNotContain("必填", SubmitPage.Visible(cut), StringComparison.Ordinal);
    }

    [Fact]
    public void TypeCommunity_UnknownCode_KeepsTheTextAndSaysNoCommunityHasIt()
    {
        // Arrange
        var cut = SignedIn();

        // Act
        SubmitPage.TypeCommunity(cut, 0, "420102999999");

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("No urban community has the code 420102999999.", SubmitPage.FieldMessage(cut, "update-0-community")));
        Assert.Equal("420102999999", SubmitPage.CommunityText(cut, 0));
    }

    [Fact]
    public async Task TypeCommunity_AnotherLocalitysCode_KeepsTheTextAndNamesBothLocalities()
    {
        // Arrange
        var yichang = (await Factory.TakeNotStartedAsync("420500", 1))[0];
        var cut = SignedIn();

        // Act
        SubmitPage.TypeCommunity(cut, 0, yichang);
        cut.Find("[data-testid='check']").Click();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal($"{yichang} is not a community of Wuhan (it is in Yichang).", SubmitPage.FieldMessage(cut, "update-0-community")));
        Assert.Equal(yichang, SubmitPage.CommunityText(cut, 0));
        Assert.Equal($"Row 1 · Community: {yichang} is not a community of Wuhan (it is in Yichang).", SubmitPage.Summary(cut).QuerySelector("li")!.TextContent);
    }

    [Fact]
    public async Task StageOptions_AcceptedCommunity_OffersNoChangeALocalityCannotMake()
    {
        // Arrange
        var popovers = Render<MudPopoverProvider>();
        var accepted = await SubmitPage.CommunityAtAsync(Factory, "420100", Stage.Accepted);
        var cut = SignedIn();

        // Act
        SubmitPage.TypeCommunity(cut, 0, accepted);
        cut.WaitForAssertion(() => Assert.Equal("Current stage: Accepted", SubmitPage.FieldMessage(cut, "update-0-community")));

        // Assert
        Assert.Equal(["(no change: Accepted)"], await SubmitPage.StageOptionsAsync(cut, popovers, 0));
    }

    private IRenderedComponent<SubmitReport> SignedIn()
    {
        SignInAs("wuhan", "coordinator", "420100");
        var cut = Render<SubmitReport>();
        cut.WaitForElement("[data-testid='submitting-as']");
        return cut;
    }
}
