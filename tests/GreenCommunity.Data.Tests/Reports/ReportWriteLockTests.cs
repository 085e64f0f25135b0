using Dapper;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Reports;

/// <summary>
/// What happens between a report's validation and its write: validation holds no lock, and the write transaction
/// checks again what could have changed meanwhile (the sender's account or token, the communities' state).
/// Reports are held between the steps by <see cref="ReportWritePauses"/>, not by timing.
/// </summary>
public sealed class ReportWriteLockTests
{
    private const string Wuhan = "420100";
    private const string Yichang = "420500";
    private const string Baocheng = "420102002003";   // 保成社区, 武汉市
    private const string YichangCommunity = "420502001001";   // 土街头社区, 宜昌市

    private static readonly DateTimeOffset s_received = new(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_SmallReportWhileALargeInvalidOneIsBeingValidated_IsStoredWithoutWaitingForIt()
    {
        // Arrange: Wuhan's every community, the last one going back to "not started" (refused).
        await using var store = await TestStore.CreateAsync();
        await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 5, 1)), SubmitterScope.ForLocality(Wuhan), s_received, Ct);
        var large = Monthly(Wuhan, [.. (await WuhanCommunitiesAsync(store)).Where(c => c != Baocheng).Select(c => Update(c, Stage.InProgress, 5, 10)),
            Update(Baocheng, Stage.NotStarted, 5, 10)]);
        var largeIsValidating = new TaskCompletionSource();
        var releaseLarge = new TaskCompletionSource();
        using var writer = new ReportWriter(store.Database, TestStore.Campaign, new ReportWritePauses
        {
            Validating = async (report, cancellationToken) =>
            {
                if (ReferenceEquals(report, large))
                {
                    largeIsValidating.SetResult();
                    await releaseLarge.Task.WaitAsync(cancellationToken);
                }
            },
        });
        var largeOutcome = Task.Run(() => writer.SubmitAsync(large, SubmitterScope.ForLocality(Wuhan), s_received, Ct), Ct);
        await largeIsValidating.Task.WaitAsync(Ct);

        // Act: the small report goes through the same writer while the large one is held inside its validation.
        var small = await writer.SubmitAsync(Monthly(Yichang, Update(YichangCommunity, Stage.Pilot, 5, 10)), SubmitterScope.ForLocality(Yichang), s_received, Ct)
            .WaitAsync(TimeSpan.FromSeconds(60), Ct);   // a guard against a hang, not a measure: before, this waited for the large one forever
        var largeWasStillValidating = !largeOutcome.IsCompleted;
        releaseLarge.SetResult();
        var refused = await largeOutcome;

        // Assert
        Assert.True(small.IsStored);
        Assert.True(largeWasStillValidating);
        Assert.Equal(ReportOutcomeKind.Rejected, refused.Kind);
        Assert.Equal([$"updates[{large.Updates.Count - 1}].stage"], refused.Errors.ToDictionary().Keys);
        Assert.Equal(2L, await store.CountAsync("reports"));
    }

    [Fact]
    public async Task Submit_AccountDisabledBetweenValidationAndWrite_IsForbiddenAndWritesNothing()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        var users = new UserStore(store.Database, TimeProvider.System);
        var coordinator = await users.CreateAsync("wuhan-coordinator", "武汉市联络员", UserAccount.CoordinatorRole, Wuhan, "a-long-enough-password", Ct);
        using var writer = new ReportWriter(store.Database, TestStore.Campaign, new ReportWritePauses
        {
            Validated = (_, cancellationToken) => users.SetDisabledAsync(coordinator.Id, true, cancellationToken),
        });
        var before = await store.FingerprintAsync();

        // Act
        var outcome = await writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 5, 10)),
            Receipt(SubmittingAccount.User(coordinator.UserName), "user:wuhan-coordinator"), Ct);

        // Assert
        Assert.Equal(ReportOutcomeKind.Forbidden, outcome.Kind);
        Assert.Equal([ReportProblemCodes.SenderRevoked], outcome.Errors.Problems.Select(p => p.Code));
        Assert.Equal(before, await store.FingerprintAsync());
        Assert.Equal(0L, await store.CountAsync("audit_log"));
        Assert.Equal(0L, await store.CountAsync("idempotency_keys"));
    }

    [Fact]
    public async Task Submit_TokenRevokedBetweenValidationAndWrite_IsForbiddenAndWritesNothing()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        var (token, _) = await store.Tokens.IssueAsync("武汉", Wuhan, Ct);
        using var writer = new ReportWriter(store.Database, TestStore.Campaign, new ReportWritePauses
        {
            Validated = (_, cancellationToken) => store.Tokens.RevokeAsync(token.Id, cancellationToken),
        });
        var before = await store.FingerprintAsync();

        // Act
        var outcome = await writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 5, 10)), Receipt(SubmittingAccount.Token(token.Id), token.Client), Ct);

        // Assert
        Assert.Equal(ReportOutcomeKind.Forbidden, outcome.Kind);
        Assert.Equal([ReportProblemCodes.SenderRevoked], outcome.Errors.Problems.Select(p => p.Code));
        Assert.Equal(before, await store.FingerprintAsync());
    }

    [Fact]
    public async Task Submit_EnabledAccountAndLiveToken_AreStoredWithTheirAuditRows()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        var users = new UserStore(store.Database, TimeProvider.System);
        var coordinator = await users.CreateAsync("wuhan-coordinator", "武汉市联络员", UserAccount.CoordinatorRole, Wuhan, "a-long-enough-password", Ct);
        var (token, _) = await store.Tokens.IssueAsync("武汉", Wuhan, Ct);

        // Act
        var byUser = await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 5, 10)),
            Receipt(SubmittingAccount.User(coordinator.UserName), "user:wuhan-coordinator"), Ct);
        var byToken = await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.Pilot, 5, 11)), Receipt(SubmittingAccount.Token(token.Id), token.Client), Ct);

        // Assert
        Assert.Equal((ReportOutcomeKind.Stored, ReportOutcomeKind.Stored), (byUser.Kind, byToken.Kind));
        Assert.Equal(2L, await store.CountAsync("audit_log"));
    }

    [Fact]
    public async Task Submit_CommunityChangedBetweenValidationAndWrite_IsJudgedAgainAndRefused()
    {
        // Arrange: the report is valid when validated (not started → not started), but another report moves
        // the community on before it is written (in progress → not started is not allowed).
        await using var store = await TestStore.CreateAsync();
        using var writer = new ReportWriter(store.Database, TestStore.Campaign, new ReportWritePauses
        {
            Validated = async (report, cancellationToken) =>
            {
                if (report.Updates[0].Stage == Stage.NotStarted)
                {
                    Assert.True((await store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 5, 1)), SubmitterScope.ForLocality(Wuhan), s_received, cancellationToken)).IsStored);
                }
            },
        });
        var before = await store.FingerprintAsync();

        // Act
        var outcome = await writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.NotStarted, 5, 10, (1, 1))), SubmitterScope.ForLocality(Wuhan), s_received, Ct);

        // Assert
        Assert.Equal(ReportOutcomeKind.Rejected, outcome.Kind);
        var problem = Assert.Single(outcome.Errors.Problems);
        Assert.Equal(("updates[0].stage", ReportProblemCodes.StageNotAllowed), (problem.Path, problem.Code));
        Assert.NotEqual(before, await store.FingerprintAsync());
        Assert.Equal(1L, await store.CountAsync("reports"));
        Assert.Equal(0L, await store.CountAsync("criterion_assessments"));
    }

    [Fact]
    public async Task Submit_WhileAnotherServerHoldsTheWriteLock_WaitsForItThenStores()
    {
        Assert.SkipWhen(TestDatabases.Engine == StoreEngine.Sqlite, "The lock between servers is PostgreSQL's advisory lock; SQLite's is its BEGIN IMMEDIATE.");

        // Arrange: another server's write transaction holds the lock.
        await using var store = await TestStore.CreateAsync();
        await using var other = await store.Database.OpenAsync(Ct);
        await using var held = await store.Database.BeginWriteAsync(other, Ct);

        // Act: the report is sent meanwhile; it must wait for the lock, not write beside the other server.
        var outcome = store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 5, 10)), SubmitterScope.ForLocality(Wuhan), s_received, Ct);
        var waited = await WaitsForTheLockAsync(store, outcome);
        var reportsWhileHeld = await store.CountAsync("reports");
        await held.CommitAsync(Ct);
        var stored = await outcome.WaitAsync(TimeSpan.FromSeconds(60), Ct);   // a guard against a hang, not a measure

        // Assert
        Assert.True(waited, "the writer never waited for the write lock");
        Assert.Equal(0L, reportsWhileHeld);
        Assert.True(stored.IsStored);
        Assert.Equal(1L, await store.CountAsync("reports"));
    }

    [Fact]
    public async Task Submit_IdleWriterWhileAnotherServerWritesTheSameCommunity_IsJudgedOnWhatThatServerWrote()
    {
        Assert.SkipWhen(TestDatabases.Engine == StoreEngine.Sqlite, "The lock between servers is PostgreSQL's advisory lock; SQLite's is its BEGIN IMMEDIATE.");

        // Arrange: another server holds the write lock. The report (not started -> not started, one criterion) is valid now.
        await using var store = await TestStore.CreateAsync();
        await using var other = await store.Database.OpenAsync(Ct);
        await using var held = await store.Database.BeginWriteAsync(other, Ct);
        using var otherServer = new ReportWriter(store.Database, TestStore.Campaign);

        // Act: this server's writer is idle, so it judges the report in its write transaction, which waits for the lock;
        // meanwhile the other server moves the community to in progress and commits.
        var outcome = store.Writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.NotStarted, 5, 10, (1, 1))), SubmitterScope.ForLocality(Wuhan), s_received, Ct);
        var waited = await WaitsForTheLockAsync(store, outcome);
        var moved = await otherServer.AppendWithinAsync(other, held, Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 5, 1)), new ReportReceipt(SubmitterScope.ForLocality(Wuhan), s_received), Ct);
        await held.CommitAsync(Ct);
        var refused = await outcome.WaitAsync(TimeSpan.FromSeconds(60), Ct);   // a guard against a hang, not a measure

        // Assert: judged on the other server's write (in progress -> not started is not allowed), nothing of it written.
        Assert.True(waited, "the writer never waited for the write lock");
        Assert.True(moved.IsStored);
        Assert.Equal(ReportOutcomeKind.Rejected, refused.Kind);
        var problem = Assert.Single(refused.Errors.Problems);
        Assert.Equal(("updates[0].stage", ReportProblemCodes.StageNotAllowed), (problem.Path, problem.Code));
        Assert.Equal(1L, await store.CountAsync("reports"));
        Assert.Equal(0L, await store.CountAsync("criterion_assessments"));
    }

    [Fact]
    public async Task Submit_IdleWriter_JudgesAndWritesOnOneConnection()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        var counted = new ConnectionCountingStore(store.Database);
        using var writer = new ReportWriter(counted, TestStore.Campaign);

        // Act: a valid report, then one refused by the store's state (in progress -> not started), then a misshapen one.
        var stored = await writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 5, 1)), SubmitterScope.ForLocality(Wuhan), s_received, Ct);
        var afterStored = counted.Opened;
        var refused = await writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.NotStarted, 5, 10)), SubmitterScope.ForLocality(Wuhan), s_received, Ct);
        var afterRefused = counted.Opened;
        var misshapen = await writer.SubmitAsync(Monthly(Wuhan, Update(Baocheng, Stage.InProgress, 5, 11, (17, 1))), SubmitterScope.ForLocality(Wuhan), s_received, Ct);

        // Assert: the judgement read in the write transaction's first command, not on a connection of its own; a report
        // whose shape is wrong is judged without the lock, as when the writer is busy (two connections: judged, not written).
        Assert.True(stored.IsStored);
        Assert.Equal(1, afterStored);
        Assert.Equal(ReportOutcomeKind.Rejected, refused.Kind);
        Assert.Equal(2, afterRefused);
        Assert.Equal(ReportOutcomeKind.Rejected, misshapen.Kind);
        Assert.Equal(3, counted.Opened);
        Assert.Equal(1L, await store.CountAsync("reports"));
    }

    /// <summary>Whether a session waits for the store's advisory write lock before <paramref name="outcome"/> ends (PostgreSQL splits the bigint key into classid and objid).</summary>
    private static async Task<bool> WaitsForTheLockAsync(TestStore store, Task outcome)
    {
        await using var connection = await store.Database.OpenAsync(Ct);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!outcome.IsCompleted && DateTime.UtcNow < deadline)
        {
            var waiting = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = 0 AND objid = @objid AND objsubid = 1",
                new { objid = (long)PostgresStore.WriteLockKey });
            if (waiting > 0)
            {
                return true;
            }
            await Task.Delay(20, Ct);
        }
        return false;
    }

    /// <summary>The store as it is, counting the connections opened on it.</summary>
    private sealed class ConnectionCountingStore(StoreDatabase inner) : StoreDatabase
    {
        private int _opened;

        public int Opened => _opened;

        public override StoreEngine Engine => inner.Engine;

        public override string Location => inner.Location;

        public override string FilesDirectory => inner.FilesDirectory;

        public override string WriteLockStatement => inner.WriteLockStatement;

        public override Task<System.Data.Common.DbConnection> OpenAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _opened);
            return inner.OpenAsync(cancellationToken);
        }

        public override Task<System.Data.Common.DbTransaction> BeginWriteAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken) =>
            inner.BeginWriteAsync(connection, cancellationToken);

        public override Task<System.Data.Common.DbTransaction> BeginWriteLockedByCallerAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken) =>
            inner.BeginWriteLockedByCallerAsync(connection, cancellationToken);

        public override Task PrepareAsync(CancellationToken cancellationToken) => inner.PrepareAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> WuhanCommunitiesAsync(TestStore store)
    {
        await using var connection = await store.Database.OpenAsync(Ct);
        return (await connection.QueryAsync<string>("SELECT code FROM communities WHERE locality_code = @Wuhan ORDER BY code", new { Wuhan })).AsList();
    }

    private static ReportReceipt Receipt(SubmittingAccount sender, string actor) =>
        new(SubmitterScope.ForLocality(Wuhan), s_received, AuditActor: actor, Sender: sender);

    private static CommunityUpdate Update(string community, Stage? stage, int month, int day, params (int Number, double Value)[] criteria) =>
        new(community, stage, new DateOnly(2022, month, day), criteria.ToDictionary(c => c.Number, c => c.Value));

    private static ReportSubmission Monthly(string locality, params CommunityUpdate[] updates) =>
        new(locality, ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), "武汉市住房和城乡建设局", null, updates);
}
