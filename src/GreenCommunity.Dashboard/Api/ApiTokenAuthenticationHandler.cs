using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Data.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GreenCommunity.Dashboard.Api;

/// <summary>
/// Bearer tokens from the Authorization header; for the hub also from the access_token query parameter,
/// since browsers cannot set headers on WebSocket requests. A revoked token fails at once. An address that sent too
/// many invalid tokens is answered 429 without a lookup (<see cref="FailedAuthenticationLimiter"/>).
/// </summary>
public sealed class ApiTokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokenStore tokens, FailedAuthenticationLimiter failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private TimeSpan? _retryAfter;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? secret = null;
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            secret = header["Bearer ".Length..].Trim();
        }
        else if (Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase) && Request.Query.TryGetValue("access_token", out var query))
        {
            secret = query.ToString();
        }
        if (string.IsNullOrEmpty(secret))
        {
            return AuthenticateResult.NoResult();
        }
        var address = ClientAddress.Of(Context);
        _retryAfter = failures.RetryAfter(address);
        if (_retryAfter is not null)
        {
            return AuthenticateResult.Fail("Too many failed authentications from this address.");
        }
        var token = await tokens.ValidateAsync(secret, Context.RequestAborted);
        if (token is null)
        {
            await failures.RecordFailureAsync(address, Context.RequestAborted);
            return AuthenticateResult.Fail("Unknown or revoked token.");
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, token.Name),
            new Claim(ApiAuthentication.ScopeClaim, token.Scope),
            new Claim(ApiAuthentication.ClientClaim, token.Client),
            new Claim(ApiAuthentication.TokenIdClaim, token.Id.ToString(CultureInfo.InvariantCulture)),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_retryAfter is { } wait)
        {
            await FailedAuthenticationResponses.TooMany(Context, wait).ExecuteAsync(Context);
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "Unauthorized", detail: "A valid bearer token is required.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Results.Problem(statusCode: 403, title: "Forbidden", detail: "Outside this token's scope.").ExecuteAsync(Context);
}
