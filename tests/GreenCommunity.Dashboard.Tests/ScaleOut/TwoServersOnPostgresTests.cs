using System.Net;
using System.Threading.Channels;
using GreenCommunity.Dashboard.Intake;
using GreenCommunity.Dashboard.Tests.Shared;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using static GreenCommunity.Dashboard.Tests.Shared.ReportBodies;

namespace GreenCommunity.Dashboard.Tests.ScaleOut;

/// <summary>
/// Two servers on one PostgreSQL store and one Redis, as behind a load balancer: what a client started on A holds on B
/// (an idempotency key, a sign-in cookie), and a hub client on B hears a report posted to A once, not once per path.
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
