namespace GreenCommunity.Dashboard.Live;

/// <summary>Which scopes hub connections asked for, so that only those summaries are computed and sent.</summary>
public sealed class HubSubscriptions
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);

    public static string Group(string scope) => $"scope:{scope}";

    public void Add(string connectionId, string scope)
    {
        lock (_lock)
        {
            if (!_byConnection.TryGetValue(connectionId, out var scopes))
            {
                _byConnection[connectionId] = scopes = new HashSet<string>(StringComparer.Ordinal);
            }
            scopes.Add(scope);
        }
    }

    public void Remove(string connectionId, string scope)
    {
        lock (_lock)
        {
            if (_byConnection.TryGetValue(connectionId, out var scopes))
            {
                scopes.Remove(scope);
            }
        }
    }

    public void RemoveConnection(string connectionId)
    {
        lock (_lock)
        {
            _byConnection.Remove(connectionId);
        }
    }

    public IReadOnlySet<string> Scopes()
    {
        lock (_lock)
        {
            return _byConnection.Values.SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
        }
    }
}
