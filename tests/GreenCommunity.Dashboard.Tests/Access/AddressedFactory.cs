using System.Net;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GreenCommunity.Dashboard.Tests.Access;

/// <summary>
/// The demo where each test client says which address it comes from (the test server has no sockets): attackers and
/// real users at different addresses, and a tight limit of 5 invalid tokens a minute per address.
/// </summary>
public sealed class AddressedFactory : DashboardFactory
{
    public const string AddressHeader = "X-Test-Client-Address";

    public const int FailedAuthenticationsPerMinute = 5;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Demo:Enabled"] = "true",
        ["Demo:LiveFeedSeconds"] = "0",
        ["RateLimits:SignInPerMinute"] = "100000",
        ["RateLimits:ApiPerMinute"] = "100000",
        ["RateLimits:FailedAuthenticationsPerMinute"] = FailedAuthenticationsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
    }

    /// <summary>A browser-like client (no redirects followed) from <paramref name="address"/>.</summary>
    public HttpClient From(string address, string? bearer = null)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }
        return client;
    }

    /// <summary>First in the pipeline: the request's client address is the one the test names.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
