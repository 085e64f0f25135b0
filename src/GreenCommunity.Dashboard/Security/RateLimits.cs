using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using GreenCommunity.Dashboard.Accounts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GreenCommunity.Dashboard.Security;

/// <summary>Limits per minute (section "RateLimits"): the API per client, sign-in per address. 429 with Retry-After beyond.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    [Range(1, 1_000_000)]
    public int ApiPerMinute { get; set; } = 600;

    [Range(1, 1_000_000)]
    public int SignInPerMinute { get; set; } = 10;
}

public static class RateLimits
{
    public const string Api = "api";

    public static IServiceCollection AddDashboardRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, configured) =>
        {
            var limits = configured.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Api, context => PerMinute(Partition(context, context.User.FindFirstValue(ApiAuthentication.ClientClaim)), limits.ApiPerMinute));
            options.AddPolicy(AccountEndpoints.SignInRateLimit, context => PerMinute(Partition(context, null), limits.SignInPerMinute));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: 429, title: "Too many requests", detail: "Slow down; try again after the time in Retry-After.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    private static string Partition(HttpContext context, string? client) =>
        client ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
