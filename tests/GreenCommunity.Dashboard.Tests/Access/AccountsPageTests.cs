using Bunit;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Dashboard.Admin;
using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Storage;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Access;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using AccountsPage = GreenCommunity.Dashboard.Components.Pages.Admin.Accounts;

namespace GreenCommunity.Dashboard.Tests.Access;

/// <summary>The accounts page: a reset or generated password is shown once, and it works only until its owner changes it.</summary>
public sealed class AccountsPageTests : BunitContext, IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _factory;

    /// <summary>MudBlazor, the languages and the app's own store and administration; signed in as the administrator.</summary>
    public AccountsPageTests(DashboardFactory factory)
    {
        _factory = factory;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddDashboardLocalization();
        Services.AddFromApp(factory.Services, features => features.AddDashboardStorage().AddDashboardAdministration());
        Services.AddScoped<ClientAddress>();
        var authorization = AddAuthorization();
        authorization.SetAuthorized("admin");
        authorization.SetRoles(DashboardRoles.Admin);
        authorization.SetClaims(new System.Security.Claims.Claim(DashboardClaims.UserId, "999999"));
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ResetPassword_Clicked_ShowsTheNewPasswordOnceAndItMustBeChanged()
    {
        // Arrange
        await _factory.Services.GetRequiredService<UserStore>().CreateAsync("pagereset", "Page reset", UserAccount.ViewerRole, null, "page-reset-password", Ct);
        var cut = Render<AccountsPage>();
        cut.WaitForElement("[data-testid='reset-pagereset']");

        // Act
        await cut.Find("[data-testid='reset-pagereset']").ClickAsync(new());
        var shown = cut.WaitForElement("[data-testid='account-password'] code.secret").TextContent;
        var signIn = await _factory.Services.GetRequiredService<UserStore>().SignInAsync("pagereset", shown, "192.0.2.50", Ct);
        await cut.Find("[data-testid='toggle-pagereset']").ClickAsync(new());

        // Assert
        Assert.Equal(16, shown.Length);
        Assert.Equal(SignInStatus.Succeeded, signIn.Status);
        Assert.True(signIn.User!.MustChangePassword);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='account-password']")));   // once: the next action hides it
    }
}
