using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

// Baseline 1: the least a SignalR fan-out can cost on this machine. One hub at /hubs/progress (no authentication),
// and POST /broadcast, which sends the posted JSON to every connection as "reportReceived", the dashboard's event name.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSignalR();

var app = builder.Build();
app.MapHub<ProgressHub>("/hubs/progress");
app.MapPost("/broadcast", async (JsonElement message, IHubContext<ProgressHub> hub, CancellationToken cancellationToken) =>
{
    await hub.Clients.All.SendAsync("reportReceived", message, cancellationToken);
    return Results.Accepted();
});
app.MapGet("/", () => "BareHub: /hubs/progress, POST /broadcast");

await app.RunAsync();

/// <summary>No methods: the server only pushes.</summary>
internal sealed class ProgressHub : Hub;
