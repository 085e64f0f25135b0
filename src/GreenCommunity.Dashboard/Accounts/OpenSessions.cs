using System.Collections.Concurrent;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>
/// Every open page (circuit) and hub connection, with what it stands on and how to end it. <see cref="SessionSweeper"/>
/// checks them all at once and ends those whose credential no longer holds.
/// </summary>
public sealed class OpenSessions
{
    private readonly ConcurrentDictionary<Session, byte> _open = new();

    public int Count => _open.Count;

    /// <summary>Tracks a session until the returned handle is disposed; <paramref name="end"/> runs at most once.</summary>
    public IDisposable Track(SessionCredential credential, Action end)
    {
        var session = new Session(this, credential, end);
        _open.TryAdd(session, 0);
        return session;
    }

    public IReadOnlyList<Session> Snapshot() => [.. _open.Keys];

    public sealed class Session : IDisposable
    {
        private readonly OpenSessions _owner;
        private Action? _end;

        internal Session(OpenSessions owner, SessionCredential credential, Action end) => (_owner, Credential, _end) = (owner, credential, end);

        public SessionCredential Credential { get; }

        /// <summary>Ends the session (once) and stops tracking it.</summary>
        public void End()
        {
            Dispose();
            Interlocked.Exchange(ref _end, null)?.Invoke();
        }

        public void Dispose() => _owner._open.TryRemove(this, out _);
    }
}
