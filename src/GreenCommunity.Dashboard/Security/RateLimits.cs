using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using GreenCommunity.Dashboard.Accounts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GreenCommunity.Dashboard.Security;

/// <summary>
/// Limits per minute (section "RateLimits"): the API per client, sign-in per address. 429 with Retry-After beyond.
/// With <c>ConnectionStrings:Redis</c> set they are counted in Redis, one budget for all servers (<see cref="SharedRateWindows"/>).
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    [Range(1, 1_000_000)]
    public int ApiPerMinute { get; set; } = 600;

    [Range(1, 1_000_000)]
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>With Redis: how long a request waits for Redis's count before this server counts alone (and stops asking for a while).</summary>
    [Range(10, 10_000)]
    public int RedisTimeoutMilliseconds { get; set; } = 250;
}

public static class RateLimits
{
    public const string Api = "api";

    private static readonly TimeSpan s_window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddDashboardRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SharedRateWindows>();
        services.AddSingleton<ISharedFailureCounts>(sp => sp.GetRequiredService<SharedRateWindows>());   // invalid tokens, counted for every server
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, SharedRateWindows>((options, configured, windows) =>
        {
            var limits = configured.Value;
            var shared = windows.IsConfigured ? windows : null;   // read when the app is built: settings added later count
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Api, context =>
                PerMinute(shared, Api, Partition(context, context.User.FindFirstValue(ApiAuthentication.ClientClaim)), limits.ApiPerMinute));
            options.AddPolicy(AccountEndpoints.SignInRateLimit, context =>
                PerMinute(shared, AccountEndpoints.SignInRateLimit, Partition(context, null), limits.SignInPerMinute));
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

    /// <summary>A fixed window per minute: in Redis under the policy's name when shared, else in this process.</summary>
    private static RateLimitPartition<string> PerMinute(SharedRateWindows? shared, string policy, string key, int permits) => shared is null
        ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = s_window,
            QueueLimit = 0,
        })
        : RateLimitPartition.Get(key, partition => new SharedWindowLimiter(shared, policy + ":" + partition, Math.Max(1, permits), s_window));
}
