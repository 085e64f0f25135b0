using System.Net;
using System.Threading.Channels;
using GreenCommunity.Dashboard.Acceptance;
using GreenCommunity.Dashboard.Bulletins;
using GreenCommunity.Dashboard.Demonstration;
using GreenCommunity.Dashboard.Inspections;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Tests.Demonstration;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.ScaleOut;

/// <summary>
/// Two servers on one PostgreSQL store and one Redis, as behind a load balancer: what a client started on A holds on B
/// (an idempotency key, a sign-in cookie), a hub client on B hears a report posted to A once, not once per path, and
/// B's pages and caches hear of the other changes made on A (acceptance requests, inspections, bases, bulletins).
/// </summary>
public sealed class TwoServersOnPostgresTests(PostgresServers servers) : IClassFixture<PostgresServers>
{
    /// <summary>How long B's hub client is watched for a second copy, after B has heard the report from the store.</summary>
    private static readonly TimeSpan s_quiet = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IdempotencyKeyReplayedToB_AnswersAsResponseAndWritesNothing()
    {
        // Arrange
        var community = (await servers.A.TakeNotStartedAsync(Wuhan, 1))[0];
        var body = Monthly(Wuhan, Update(community, "in_progress")).ToJsonString();
        var key = "two-servers-" + Guid.NewGuid().ToString("N");
        using var onA = servers.A.CreateClient(servers.A.Tokens.Localities[Wuhan]);
        using var onB = servers.B.CreateClient(servers.B.Tokens.Localities[Wuhan]);
        using var first = await onA.SendAsync(Post(body, key), Ct);
        var before = await servers.FingerprintAsync();

        // Act
        using var replayed = await onB.SendAsync(Post(body, key), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(first.StatusCode, replayed.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await replayed.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before, await servers.FingerprintAsync());
        Assert.Equal(1L, await servers.B.ScalarAsync<long>("SELECT COUNT(*) FROM stage_events WHERE community_code = @community", new { community }));
    }

    [Fact]
    public async Task SameKeyPostedToAAndBAtOnce_OneReportStored_BothAnsweredAlike()
    {
        // Arrange: a client that retries on the other server before the first answer came
        var community = (await servers.A.TakeNotStartedAsync(Wuhan, 1))[0];
        var body = Monthly(Wuhan, Update(community, "in_progress")).ToJsonString();
        var key = "two-servers-at-once-" + Guid.NewGuid().ToString("N");
        using var onA = servers.A.CreateClient(servers.A.Tokens.Localities[Wuhan]);
        using var onB = servers.B.CreateClient(servers.B.Tokens.Localities[Wuhan]);

        // Act: the store's write lock orders them; the second finds the first's claim
        var answers = await Task.WhenAll(onA.SendAsync(Post(body, key), Ct), onB.SendAsync(Post(body, key), Ct));

        // Assert
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(await answers[0].Content.ReadAsStringAsync(Ct), await answers[1].Content.ReadAsStringAsync(Ct));
        Assert.Equal(1L, await servers.B.ScalarAsync<long>("SELECT COUNT(*) FROM stage_events WHERE community_code = @community", new { community }));
        Assert.Equal(1L, await servers.B.ScalarAsync<long>("SELECT COUNT(*) FROM idempotency_keys WHERE key = @key", new { key }));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task ReportPostedToA_HubClientOnB_HearsItOnce()
    {
        // Arrange: B's own notifier tells when B has heard the report from the store (PostgreSQL NOTIFY)
        await using var listenerOnA = await HubListener.ConnectAsync(servers.A, servers.A.Tokens.Province, Ct);
        await using var listenerOnB = await HubListener.ConnectAsync(servers.B, servers.B.Tokens.Province, Ct);
        var heardByB = Channel.CreateUnbounded<ReportNotice>();
        using var onB = servers.B.Services.GetRequiredService<ProgressNotifier>().Subscribe(notice =>
        {
            heardByB.Writer.TryWrite(notice);   // called on the server's flow: no test context there
            return Task.CompletedTask;
        });
        var community = (await servers.A.TakeNotStartedAsync(Wuhan, 1))[0];
        using var client = servers.A.CreateClient(servers.A.Tokens.Localities[Wuhan]);

        // Act
        using var response = await client.SendAsync(Post(Monthly(Wuhan, Update(community, "in_progress"))), Ct);
        var reportId = (await response.JsonAsync()).GetProperty("reportId").GetString()!;

        // Assert: one copy on each server's client, none more once B has taken the report from the store as well
        Assert.NotNull(await listenerOnB.ArrivalOfAsync(reportId, s_wait, Ct));
        Assert.NotNull(await listenerOnA.ArrivalOfAsync(reportId, s_wait, Ct));
        var heard = await HeardAsync(heardByB.Reader, reportId).WaitAsync(s_wait, Ct);
        Assert.True(heard.FromAnotherServer);
        Assert.Equal(0, await listenerOnB.CountOfAsync(reportId, s_quiet, Ct));
        Assert.Equal(0, await listenerOnA.CountOfAsync(reportId, TimeSpan.FromMilliseconds(100), Ct));
    }

    [Fact]
    public async Task SignInCookieIssuedByA_AcceptedByB()
    {
        // Arrange: one browser's cookies, whichever server answers
        var jar = new System.Net.CookieContainer();
        using var browserOnA = servers.A.CreateDefaultClient(new CookieContainerHandler(jar));
        using var browserOnB = servers.B.CreateDefaultClient(new CookieContainerHandler(jar));
        using var strangerOnB = servers.B.CreateDefaultClient(new CookieContainerHandler());

        // Act
        using var signIn = await DashboardFactory.SignInAsync(browserOnA, "admin", servers.A.Tokens.Passwords["admin"]);
        using var pageOnB = await browserOnB.GetAsync("/", Ct);
        using var strangersPage = await strangerOnB.GetAsync("/", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("error", signIn.Headers.Location?.OriginalString ?? "error", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pageOnB.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, strangersPage.StatusCode);   // without the cookie B asks for a sign-in
        Assert.Contains("/account/login", strangersPage.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BaseDesignatedOnA_CountedByBsMapLayer()
    {
        // Arrange: B has counted the bases already (its layer keeps the counts until told of a change)
        var community = (await servers.A.TakeNotStartedAsync(Yichang, 1))[0];
        var layerOnB = servers.B.Services.GetRequiredService<DemonstrationLayer>();
        var before = (await layerOnB.GetAsync(Ct)).ByLocality.GetValueOrDefault(Yichang);
        var told = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = layerOnB.Subscribe(() => told.TrySetResult());
        using var province = servers.A.CreateClient(servers.A.Tokens.Province);

        // Act
        using var designated = await province.SendAsync(DemonstrationRequests.Post("/api/v1/demonstration-bases", DemonstrationRequests.Designation(community)), Ct);
        await told.Task.WaitAsync(s_wait, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, designated.StatusCode);
        Assert.Equal(before + 1, (await layerOnB.GetAsync(Ct)).ByLocality.GetValueOrDefault(Yichang));
    }

    [Fact]
    public async Task ChangesMadeOnA_HeardOnBOnce_NeverToldBack()
    {
        // Arrange: what each server's listeners hear, by kind
        var heardOnA = Channel.CreateUnbounded<string>();
        var heardOnB = Channel.CreateUnbounded<string>();
        var bulletin = new BulletinNotice("two-servers-" + Guid.NewGuid().ToString("N"), "2022-06", 2022, 7);
        using var listening = Listen(servers.A, heardOnA.Writer, bulletin.BulletinId);
        using var listeningOnB = Listen(servers.B, heardOnB.Writer, bulletin.BulletinId);

        // Act: what the services call once their writes are committed on A
        servers.A.Services.GetRequiredService<AcceptanceNotifier>().Publish(Yichang);
        servers.A.Services.GetRequiredService<InspectionNotifier>().Publish();
        servers.A.Services.GetRequiredService<BulletinNotices>().Announce(bulletin);

        // Assert: B hears each once; A's listeners hear each once (their own), nothing comes back through the store
        string[] expected = ["acceptance " + Yichang, "bulletin", "inspections"];
        Assert.Equal(expected, (await TakeAsync(heardOnB.Reader, 3).WaitAsync(s_wait, Ct)).Order(StringComparer.Ordinal));
        Assert.Equal(expected, (await TakeAsync(heardOnA.Reader, 3).WaitAsync(s_wait, Ct)).Order(StringComparer.Ordinal));
        await Task.Delay(s_quiet, Ct);
        Assert.False(heardOnA.Reader.TryRead(out var echoed), $"A heard {echoed} again");
        Assert.False(heardOnB.Reader.TryRead(out var twice), $"B heard {twice} twice");
    }

    /// <summary>Writes what the server's acceptance, inspection and bulletin listeners hear until disposed.</summary>
    private static IDisposable Listen(ScaleOutFactory server, ChannelWriter<string> heard, string bulletinId)
    {
        var acceptance = server.Services.GetRequiredService<AcceptanceNotifier>();
        var inspections = server.Services.GetRequiredService<InspectionNotifier>();
        Action<string> onAcceptance = locality => heard.TryWrite("acceptance " + locality);
        Action onInspections = () => heard.TryWrite("inspections");
        acceptance.Changed += onAcceptance;
        inspections.Changed += onInspections;
        var bulletins = server.Services.GetRequiredService<BulletinNotices>().Subscribe(notice =>
        {
            if (notice.BulletinId == bulletinId)
            {
                heard.TryWrite("bulletin");
            }
            return Task.CompletedTask;
        });
        return new Unsubscribe(() =>
        {
            acceptance.Changed -= onAcceptance;
            inspections.Changed -= onInspections;
            bulletins.Dispose();
        });
    }

    private static async Task<List<string>> TakeAsync(ChannelReader<string> heard, int count)
    {
        var taken = new List<string>();
        while (taken.Count < count)
        {
            taken.Add(await heard.ReadAsync(Ct));
        }
        return taken;
    }

    private sealed class Unsubscribe(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }

    /// <summary>The notice of the report (earlier tests' reports may still be heard first).</summary>
    private static async Task<ReportNotice> HeardAsync(ChannelReader<ReportNotice> notices, string reportId)
    {
        while (true)
        {
            var notice = await notices.ReadAsync(Ct);
            if (notice.ReportId == reportId)
            {
                return notice;
            }
        }
    }
}
