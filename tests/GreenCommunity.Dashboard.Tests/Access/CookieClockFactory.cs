using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GreenCommunity.Dashboard.Tests.Access;

/// <summary>The demo whose session cookies are issued and checked on a clock the test moves (nothing else runs on it).</summary>
public sealed class CookieClockFactory : DashboardFactory
{
    public FakeTimeProvider CookieClock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.PostConfigure<CookieAuthenticationOptions>(
            CookieAuthenticationDefaults.AuthenticationScheme, options => options.TimeProvider = CookieClock));
    }
}
