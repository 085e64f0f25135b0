using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GreenCommunity.Dashboard.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public sealed class DurabilityTests
{
    [Fact]
    public async Task AcknowledgedReport_ServerKilledAMomentLater_IsThereAfterRestart()
    {
        // Arrange
        using var data = await TempDirectory.WithDemoStoreAsync();
        var app = await AppProcess.StartAsync(data.Path, TestContext.Current.CancellationToken);
        string reportId;
        IReadOnlyList<string> communities;
        await using (app)
        {
            var (_, localities) = app.Tokens();
            using var client = app.Client(localities["420100"]);
            communities = await Reports.NotStartedAsync(data.Path, "420100", 5);

            // Act: acknowledged, then SIGKILL at once.
            var ack = await Reports.PostAsync(client, "420100", communities);
            await app.KillAsync();
            reportId = ack.GetProperty("reportId").GetString()!;
        }

        // Assert
        await using var restarted = await AppProcess.StartAsync(data.Path, TestContext.Current.CancellationToken);
        using var reader = restarted.Client(restarted.Tokens().Province);
        var response = await reader.GetAsync($"/api/v1/reports/{reportId}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(5, report.GetProperty("updates").GetArrayLength());
        foreach (var community in communities)
        {
            var state = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/communities/{community}", TestContext.Current.CancellationToken);
            Assert.Equal("in_progress", state.GetProperty("stage").GetString());
        }
        Assert.DoesNotContain("demo reports 440", restarted.Output, StringComparison.Ordinal);   // the second start reused the database
    }
}
