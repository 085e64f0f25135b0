using GreenCommunity.Dashboard.Admin;
using GreenCommunity.Dashboard.Extensions;
using GreenCommunity.Dashboard.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboard();

var app = builder.Build();
await app.InitializeStoreAsync();

// Outside demo mode the first administrator comes from the command line, never from a default password:
//   echo "$PASSWORD" | dotnet run --project src/GreenCommunity.Dashboard -- --create-admin alice
if (builder.Configuration["create-admin"] is { } adminName)
{
    return await app.CreateAdministratorAsync(adminName, Console.In);
}

app.MapDashboard();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
