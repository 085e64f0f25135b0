using GreenCommunity.Dashboard.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboard();

var app = builder.Build();
await app.InitializeStoreAsync();
app.MapDashboard();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
