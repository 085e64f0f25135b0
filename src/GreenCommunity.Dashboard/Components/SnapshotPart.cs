using System.Collections;
using Microsoft.AspNetCore.Components;

namespace GreenCommunity.Dashboard.Components;

/// <summary>
/// A part of a live page that renders again only when one of its <see cref="Inputs"/> changed since its last
/// render, or after an event of its own. Snapshots hand unchanged parts on as the same objects, so after a report
/// only the parts it touched are rendered and diffed; the others cost a comparison.
/// </summary>
public abstract class SnapshotPart : ComponentBase, IHandleEvent, IDisposable
{
    private readonly CancellationTokenSource _leaving = new();
    private object?[]? _rendered;
    private bool _ownChange;

    /// <summary>Cancelled when the part goes away: for what it reads on a click (the snapshot itself needs no reading).</summary>
    protected CancellationToken Leaving => _leaving.Token;

    public void Dispose()
    {
        _leaving.Cancel();
        _leaving.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>What the part shows depends on: parameters, and anything else that can change (the culture does not: switching it reloads the page).</summary>
    protected abstract IEnumerable<object?> Inputs { get; }

    protected override bool ShouldRender() => _ownChange || _rendered is null || !Same(_rendered, Inputs.ToArray());

    protected override void OnAfterRender(bool firstRender)
    {
        _rendered = Inputs.ToArray();
        _ownChange = false;
    }

    /// <summary>An event handled by the part itself (a click, a choice) always renders it.</summary>
    async Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem item, object? arg)
    {
        _ownChange = true;
        var task = item.InvokeAsync(arg);
        if (!task.IsCompleted)
        {
            StateHasChanged();
            await task;
            _ownChange = true;
        }
        else
        {
            await task;
        }
        StateHasChanged();
    }

    private static bool Same(object?[] before, object?[] now)
    {
        if (before.Length != now.Length)
        {
            return false;
        }
        for (var i = 0; i < now.Length; i++)
        {
            if (!Same(before[i], now[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Records and values by value; lists item by item; dictionaries and other objects by reference.</summary>
    private static bool Same(object? before, object? now) => (before, now) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        _ when ReferenceEquals(before, now) => true,
        (IDictionary, _) => false,
        (IList a, IList b) => a.Count == b.Count && a.Cast<object?>().Zip(b.Cast<object?>()).All(p => Equals(p.First, p.Second)),
        _ => Equals(before, now),
    };
}
