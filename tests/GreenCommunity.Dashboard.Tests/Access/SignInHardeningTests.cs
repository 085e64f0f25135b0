using System.Net;
using System.Text.RegularExpressions;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Data.Access;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Access;

/// <summary>Sign-in against a hostile caller: no oracle, no lock-out of the real user from elsewhere, no 500, no forged sign-out.</summary>
public sealed partial class SignInHardeningTests(AddressedFactory factory) : IClassFixture<AddressedFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_UnknownUserWrongPasswordAndLockedOut_AnswerAlikeAndTheAuditKeepsWhy()
    {
        // Arrange
        await CreateAsync("oracle", "oracle-right-password");
        using var attacker = factory.From("203.0.113.20");

        // Act
        var unknown = await SignInAsync(attacker, "no-such-user-here", "whatever-password");
        var wrong = new List<string?>();
        for (var i = 0; i < UserStore.MaxFailedSignIns; i++)
        {
            wrong.Add(await SignInAsync(attacker, "oracle", "wrong-password-" + i));
        }
        var lockedOut = await SignInAsync(attacker, "oracle", "oracle-right-password");

        // Assert
        Assert.All(wrong.Append(unknown).Append(lockedOut), location => Assert.Equal("/account/login?error=failed&returnUrl=%2F", location));
        Assert.Equal(["LockedOut", "LockedOut", "WrongPassword", "WrongPassword", "WrongPassword", "WrongPassword"],
            await factory.QueryAsync<string>("SELECT detail FROM audit_log WHERE action = 'sign-in' AND actor = 'user:oracle' ORDER BY detail"));
        Assert.Equal(1L, await factory.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE actor = 'user:no-such-user-here' AND detail = 'UnknownUser'"));
    }

    [Fact]
    public async Task SignIn_LockedOutFromOneAddress_TheRealUserFromAnotherAddressStillSignsIn()
    {
        // Arrange
        await CreateAsync("victim", "victim-right-password");
        using var attacker = factory.From("203.0.113.21");
        using var user = factory.From("198.51.100.21");
        for (var i = 0; i < UserStore.MaxFailedSignIns; i++)
        {
            await SignInAsync(attacker, "victim", "wrong-password-" + i);
        }

        // Act
        var attackerWithTheRightPassword = await SignInAsync(attacker, "victim", "victim-right-password");
        var realUser = await SignInAsync(user, "victim", "victim-right-password");
        var overview = await user.GetAsync("/", Ct);

        // Assert
        Assert.Contains("error=failed", attackerWithTheRightPassword, StringComparison.Ordinal);
        Assert.Equal("/", realUser);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/reports\r\nSet-Cookie: x=y")]
    [InlineData("/\n")]
    [InlineData("/locality/420100\u0001")]
    public async Task SignIn_ReturnUrlWithControlCharacters_GoesHomeInsteadOf500(string returnUrl)
    {
        // Arrange
        using var client = factory.From("198.51.100.22");
        using var failing = factory.From("198.51.100.22");

        // Act
        var signedIn = await PostSignInAsync(client, "leader", factory.Tokens.Passwords["leader"], returnUrl);
        var refused = await PostSignInAsync(failing, "leader", "not-the-password", returnUrl);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/login?error=failed&returnUrl=%2F", refused.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/reports/submit", "/reports/submit")]
    [InlineData("/?asOf=2022-06-30", "/?asOf=2022-06-30")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/a\u007f", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    public void LocalOnly_AnyControlCharacterOrOtherSite_IsHome(string url, string expected) =>
        Assert.Equal(expected, AccountEndpoints.LocalOnly(url));

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_Answers400AndTheSessionStays()
    {
        // Arrange
        using var client = factory.From("198.51.100.23");
        await SignInAsync(client, "leader", factory.Tokens.Passwords["leader"]);

        // Act
        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]), Ct);
        var after = await client.GetAsync("/", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task SignOut_WithTheUserMenusToken_EndsTheSession()
    {
        // Arrange
        using var client = factory.From("198.51.100.24");
        await SignInAsync(client, "leader", factory.Tokens.Passwords["leader"]);
        var page = await client.GetStringAsync("/", Ct);
        var menuForm = SignOutForm().Match(page);

        // Act
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = menuForm.Groups[1].Value });
        var signedOut = await client.PostAsync("/account/logout", form, Ct);
        var after = await client.GetAsync("/", Ct);

        // Assert
        Assert.True(menuForm.Success, "the user menu's sign-out form carries an antiforgery token");
        Assert.Equal("/account/login", signedOut.Headers.Location?.OriginalString);
        Assert.StartsWith("http://localhost/account/login", after.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private Task CreateAsync(string userName, string password) =>
        factory.Services.GetRequiredService<UserStore>().CreateAsync(userName, userName, UserAccount.ViewerRole, null, password, Ct);

    /// <summary>Signs in through the form; returns where it was sent.</summary>
    private static async Task<string?> SignInAsync(HttpClient client, string userName, string password) =>
        (await PostSignInAsync(client, userName, password, "/")).Headers.Location?.OriginalString;

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password, string returnUrl)
    {
        var page = await client.GetStringAsync("/account/login", Ct);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
        });
        return await client.PostAsync("/account/login", form, Ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("action=\"/account/logout\"[^>]*>\\s*<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex SignOutForm();
}
