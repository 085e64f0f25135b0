using System.Collections.Concurrent;

namespace GreenCommunity.Dashboard.ScaleOut;

/// <summary>One change besides a report, as it travels between servers: its kind and what its listeners need (a locality, a notice).</summary>
public sealed record ServerChange(string Kind, string Detail);

/// <summary>
/// Changes besides reports that the other dashboard servers on the same store must hear of, or their pages and caches
/// would keep what this server changed from them: an acceptance request, an inspection, a demonstration base, a published
/// bulletin. The notifier of a change made here calls <see cref="Tell"/>; <see cref="StoreReportChannel"/> carries it
/// (PostgreSQL NOTIFY) and hands what it hears from the others to <see cref="Hear"/>, which calls that notifier's own
/// listeners only: a change heard is never told again. With one server (SQLite) nobody is told.
/// </summary>
public sealed class ServerChanges
{
    private readonly ConcurrentDictionary<string, Action<string>> _listeners = new(StringComparer.Ordinal);
    private Action<ServerChange>? _teller;

    /// <summary>What this server does with a change of <paramref name="kind"/> made by another server (one listener per kind).</summary>
    public void OnHeard(string kind, Action<string> listener) => _listeners[kind] = listener;

    /// <summary>A change made here: the other servers are told (when there is a channel to them).</summary>
    public void Tell(string kind, string detail = "") => Volatile.Read(ref _teller)?.Invoke(new ServerChange(kind, detail));

    /// <summary>A change another server made.</summary>
    public void Hear(ServerChange change)
    {
        if (_listeners.TryGetValue(change.Kind, out var listener))
        {
            listener(change.Detail);
        }
    }

    /// <summary>Set by the channel to the other servers when it starts.</summary>
    internal void TellThrough(Action<ServerChange>? teller) => Volatile.Write(ref _teller, teller);
}
