using Microsoft.AspNetCore.Components.Server.Circuits;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>The browser's address for a circuit, captured when it opens (a circuit has no HttpContext later).</summary>
public sealed class ClientAddress
{
    public string? Value { get; set; }
}

public sealed class ClientAddressCircuitHandler(ClientAddress address, IHttpContextAccessor accessor) : CircuitHandler
{
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        address.Value ??= accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
        return Task.CompletedTask;
    }
}
