using Microsoft.AspNetCore.Components.Server.Circuits;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>The browser's address for a circuit, captured when it opens (a circuit has no HttpContext later).</summary>
public sealed class ClientAddress
{
    public string? Value { get; set; }

    /// <summary>A request's client address, as the audit, the lock-out and the limits key it.</summary>
    public static string? Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}

public sealed class ClientAddressCircuitHandler(ClientAddress address, IHttpContextAccessor accessor) : CircuitHandler
{
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        address.Value ??= accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
        return Task.CompletedTask;
    }
}
