using System.Net;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GreenCommunity.Dashboard.Tests.Access;

/// <summary>Session cookies survive a restart: the keys that protect them live in the data directory.</summary>
public sealed class KeyPersistenceTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SessionCookie_IssuedByOneInstance_IsAcceptedByAnotherOverTheSameDataDirectoryOnly()
    {
        // Arrange
        var cookie = await SessionCookieAsync();
        await using var restarted = new SameDataFactory(factory.DataDirectory);
        await using var otherData = new DashboardFactory();

        // Act
        var onRestarted = await GetWithCookieAsync(restarted, cookie);
        var onOtherData = await GetWithCookieAsync(otherData, cookie);

        // Assert
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(factory.DataDirectory, "keys"), "key-*.xml"));
        Assert.Equal(HttpStatusCode.OK, onRestarted.StatusCode);
        Assert.StartsWith("http://localhost/account/login", onOtherData.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> SessionCookieAsync()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await DashboardFactory.SignInAsync(client, "leader", factory.Tokens.Passwords["leader"]);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gc.session=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(DashboardFactory app, string cookie)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>A second app (a restart, or another process) over the first one's data directory.</summary>
    private sealed class SameDataFactory(string dataDirectory) : DashboardFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Storage:DataDirectory", dataDirectory);
        }
    }
}
