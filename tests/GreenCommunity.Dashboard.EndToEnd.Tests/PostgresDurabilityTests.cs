using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;

namespace GreenCommunity.Dashboard.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public sealed class PostgresDurabilityTests
{
    [Fact]
    public async Task AcknowledgedReport_OnPostgres_ServerKilledAMomentLater_IsThereAfterRestart()
    {
        // Arrange: the app on a PostgreSQL database of its own
        var ct = TestContext.Current.CancellationToken;
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync(ct);
        var settings = new Dictionary<string, string> { ["Storage__Provider"] = "Postgres", ["ConnectionStrings__Postgres"] = connectionString };
        using var data = new TempDirectory();
        await using var store = new PostgresStore(connectionString, data.Path);
        var app = await AppProcess.StartAsync(data.Path, ct, settings: settings);
        string reportId;
        IReadOnlyList<string> communities;
        await using (app)
        {
            Assert.Contains("Database: Postgres", app.Output, StringComparison.Ordinal);
            var (_, localities) = app.Tokens();
            using var client = app.Client(localities["420100"]);
            communities = await Reports.NotStartedAsync(store, "420100", 5);

            // Act: acknowledged, then SIGKILL at once.
            var ack = await Reports.PostAsync(client, "420100", communities);
            await app.KillAsync();
            reportId = ack.GetProperty("reportId").GetString()!;
        }

        // Assert
        await using var restarted = await AppProcess.StartAsync(data.Path, ct, settings: settings);
        using var reader = restarted.Client(restarted.Tokens().Province);
        var response = await reader.GetAsync($"/api/v1/reports/{reportId}", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(5, report.GetProperty("updates").GetArrayLength());
        foreach (var community in communities)
        {
            var state = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/communities/{community}", ct);
            Assert.Equal("in_progress", state.GetProperty("stage").GetString());
        }
        await server.DropDatabaseAsync(connectionString);
    }
}
