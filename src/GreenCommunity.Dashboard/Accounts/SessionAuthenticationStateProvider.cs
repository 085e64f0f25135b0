using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>
/// A circuit's user, tracked in <see cref="OpenSessions"/>: when the sweeper finds the token revoked, the account
/// disabled or its password changed, the circuit's user becomes anonymous, every page (all of them require a
/// session) stops rendering its content and the router sends the browser to sign in.
/// </summary>
public sealed class SessionAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private static readonly Task<AuthenticationState> s_anonymous = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));

    private readonly OpenSessions _sessions;
    private readonly Lock _lock = new();
    private IDisposable? _tracked;
    private bool _disposed;

    public SessionAuthenticationStateProvider(OpenSessions sessions)
    {
        _sessions = sessions;
        AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> state) => _ = TrackAsync(state);

    private async Task TrackAsync(Task<AuthenticationState> state)
    {
        var user = (await state).User;
        var credential = SessionCredential.From(user);
        var next = credential is null ? null : _sessions.Track(credential, user.HasClaim(c => c.Type == DashboardClaims.DisplayTokenId) ? EndDisplay : End);
        IDisposable? previous;
        lock (_lock)
        {
            if (_disposed)
            {
                previous = next;
            }
            else
            {
                (previous, _tracked) = (_tracked, next);
            }
        }
        previous?.Dispose();
    }

    /// <summary>Whether this circuit was a display screen whose link was revoked: it is sent to a page that says so.</summary>
    public bool DisplayLinkRevoked { get; private set; }

    private void End() => SetAuthenticationState(s_anonymous);

    private void EndDisplay()
    {
        DisplayLinkRevoked = true;
        End();
    }

    public void Dispose()
    {
        AuthenticationStateChanged -= OnAuthenticationStateChanged;
        IDisposable? tracked;
        lock (_lock)
        {
            (_disposed, tracked, _tracked) = (true, _tracked, null);
        }
        tracked?.Dispose();
    }
}
