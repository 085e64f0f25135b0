using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GreenCommunity.Dashboard.EndToEnd.Tests.ScaleOut;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Dashboard.EndToEnd.Tests;

[Collection(EndToEndWaitingGroup.Name)]
public sealed class PostgresDurabilityTests
{
    [Fact]
    public async Task AcknowledgedReport_OnPostgres_ServerKilledAMomentLater_IsThereAfterRestart()
    {
        // Arrange: the app on PostgreSQL
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        var connectionString = await PostgresDemoStore.PrepareAsync(data.Path);
        var settings = PostgresDemoStore.Settings(connectionString);
        await using var store = new PostgresStore(connectionString, data.Path);
        var app = await AppProcess.StartAsync(data.Path, ct, settings: settings);
        string reportId;
        IReadOnlyList<string> communities;
        await using (app)
        {
            Assert.Contains("Database: Postgres", app.Output, StringComparison.Ordinal);
            Assert.Contains("demo reports 0", app.Output, StringComparison.Ordinal);   // the store was there: nothing played again
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
    }
}
