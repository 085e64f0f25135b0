using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GreenCommunity.Dashboard.Tests.Shared;
using GreenCommunity.Data.Storage;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace GreenCommunity.Dashboard.EndToEnd.Tests.ScaleOut;

/// <summary>
/// Two dashboard processes on one PostgreSQL and one Redis, as behind a load balancer: a report acknowledged by A
/// reaches a Blazor page and a hub client connected to B, without a reload.
/// </summary>
[Collection(EndToEndWaitingGroup.Name)]
public sealed class TwoServersBrowserTests
{
    [Fact]
    public async Task ReportPostedToA_PageAndHubClientOnB_SeeItWithoutReload()
    {
        // Arrange: one store and one backplane, two servers with data folders of their own
        var ct = TestContext.Current.CancellationToken;
        using var dataA = new TempDirectory();
        using var dataB = new TempDirectory();
        var connectionString = await PostgresDemoStore.PrepareAsync(dataA.Path);
        await PostgresDemoStore.PrepareAsync(dataB.Path);
        await using var redis = await RedisServer.StartOwnServerAsync();
        var settings = PostgresDemoStore.Settings(connectionString);
        settings["ConnectionStrings__Redis"] = redis.ConnectionString;
        await using var a = await AppProcess.StartAsync(dataA.Path, ct, settings: settings);
        await using var b = await AppProcess.StartAsync(dataB.Path, ct, settings: settings);
        Assert.Contains("Listening for other servers' reports", b.Output, StringComparison.Ordinal);

        await using var browser = await BrowserSession.StartAsync();
        var (page, _) = await browser.NewPageAsync(1400, 1400);
        await BrowserSession.SignInAsync(page, b.BaseAddress, "leader", b.Password("leader"));
        await page.Locator(".overview[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        var startedBefore = ReadCount(await page.Locator("[data-testid='started-value']").InnerTextAsync());

        var (province, localities) = a.Tokens();
        var heardOnB = new TaskCompletionSource<(string ReportId, long At)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(b.BaseAddress, "/hubs/progress"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(province))
            .Build();
        hub.On<JsonElement>("reportReceived", m => heardOnB.TrySetResult((m.GetProperty("reportId").GetString()!, Stopwatch.GetTimestamp())));
        await hub.StartAsync(ct);
        await using var store = new PostgresStore(connectionString, dataA.Path);
        var communities = await Reports.NotStartedAsync(store, "420500", 4);
        using var client = a.Client(localities["420500"]);

        // Act
        var ack = await Reports.PostAsync(client, "420500", communities);
        var acknowledged = Stopwatch.GetTimestamp();

        // Assert: the hub client on B within a second, the page on B within two (it renders as well)
        var (heardId, heardAt) = await heardOnB.Task.WaitAsync(TimeSpan.FromSeconds(1), ct);
        Assert.Equal(ack.GetProperty("reportId").GetString(), heardId);
        TestContext.Current.TestOutputHelper?.WriteLine($"A's 201 → B's hub client: {Stopwatch.GetElapsedTime(acknowledged, heardAt).TotalMilliseconds:F1} ms");
        var expected = (startedBefore + 4).ToString("N0", CultureInfo.InvariantCulture);
        try
        {
            await Assertions.Expect(page.Locator("[data-testid='started-value']")).ToHaveTextAsync(expected, new() { Timeout = 2_000 });
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException($"B's page did not move on.\n--- A ---\n{a.Output}\n--- B ---\n{b.Output}", ex);
        }
        await Assertions.Expect(page.Locator(".feed-item").First).ToHaveAttributeAsync("data-report-id", heardId, new() { Timeout = 2_000 });
        TestContext.Current.TestOutputHelper?.WriteLine($"A's 201 → B's page: {Stopwatch.GetElapsedTime(acknowledged).TotalMilliseconds:F0} ms or less");
    }

    private static int ReadCount(string text) => int.Parse(text.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
