using System.Security.Claims;
using System.Text.Encodings.Web;
using GreenCommunity.Dashboard.Accounts;
using GreenCommunity.Data.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace GreenCommunity.Dashboard.Api;

/// <summary>
/// Bearer tokens from the Authorization header; for the hub also from the access_token query parameter,
/// since browsers cannot set headers on WebSocket requests. A revoked token fails at once.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
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
        var token = await tokens.ValidateAsync(secret, Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked token.");
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, token.Name),
            new Claim(ApiAuthentication.ScopeClaim, token.Scope),
            new Claim(ApiAuthentication.ClientClaim, token.Client),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "Unauthorized", detail: "A valid bearer token is required.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Results.Problem(statusCode: 403, title: "Forbidden", detail: "Outside this token's scope.").ExecuteAsync(Context);
}
