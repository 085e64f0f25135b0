using Dapper;
using GreenCommunity.Data.Actions;
using GreenCommunity.Data.Reports;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Tests.Actions;

/// <summary>The one write path for writes that are not reports: its key, its audit row and its write are one transaction.</summary>
public sealed class ActionWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset s_at = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Write_Done_CommitsTheRowItsAuditRowAndItsKey()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        using var writer = new ActionWriter(store.Database);

        // Act
        var result = await writer.WriteAsync(Receipt(Claim("k1", "h1")), InsertNote("first"), Ct);

        // Assert
        Assert.Equal(ActionResultKind.Done, result.Kind);
        Assert.Equal(1L, await CountNotesAsync(store));
        Assert.Equal(1L, await store.CountAsync("action_keys"));
        await using var connection = await store.Database.OpenAsync(Ct);
        Assert.Equal(("test.note", "note first", "allowed"), await connection.QuerySingleAsync<(string, string, string)>(
            "SELECT action, target, outcome FROM audit_log WHERE actor = 'user:tester'"));
    }

    [Fact]
    public async Task Write_SameKeyAndBodyAgain_ReplaysTheFirstAnswerAndWritesNothing_OtherBodyIsKeyReused()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        using var writer = new ActionWriter(store.Database);
        var first = await writer.WriteAsync(Receipt(Claim("k1", "h1")), InsertNote("first"), Ct);

        // Act
        var again = await writer.WriteAsync(Receipt(Claim("k1", "h1")), InsertNote("second"), Ct);
        var reused = await writer.WriteAsync(Receipt(Claim("k1", "h2")), InsertNote("third"), Ct);

        // Assert
        Assert.Equal(ActionResultKind.Replayed, again.Kind);
        Assert.Equal((first.Status, first.Location, first.Response), (again.Status, again.Location, again.Response));
        Assert.Equal(ActionResultKind.KeyReused, reused.Kind);
        Assert.Equal(1L, await CountNotesAsync(store));
    }

    [Fact]
    public async Task Write_Refused_RollsBackWhatTheWriteDidAndStoresNoKeyNorAuditRow()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        using var writer = new ActionWriter(store.Database);
        var auditBefore = await store.CountAsync("audit_log");

        // Act: the write inserts, then finds a problem
        var result = await writer.WriteAsync(Receipt(Claim("k1", "h1")), async (connection, transaction, token) =>
        {
            await InsertNote("half")(connection, transaction, token);
            var errors = new ValidationErrors();
            errors.Add("note", ReportProblemCodes.Required);
            return ActionResult.Invalid(errors);
        }, Ct);

        // Assert
        Assert.Equal(ActionResultKind.Invalid, result.Kind);
        Assert.Equal(0L, await CountNotesAsync(store));
        Assert.Equal(0L, await store.CountAsync("action_keys"));
        Assert.Equal(auditBefore, await store.CountAsync("audit_log"));
    }

    [Fact]
    public async Task Write_SenderTokenRevoked_IsForbiddenAndRunsNothing()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        using var writer = new ActionWriter(store.Database);
        var (token, _) = await store.Tokens.IssueAsync("gone", "420100", Ct);
        await store.Tokens.RevokeAsync(token.Id, Ct);
        var ran = false;

        // Act
        var result = await writer.WriteAsync(new ActionReceipt("test.note", $"token:{token.Id}", null, s_at, null, SubmittingAccount.Token(token.Id)),
            (_, _, _) => { ran = true; return Task.FromResult(ActionResult.Ok("{}", "x", "x")); }, Ct);

        // Assert
        Assert.Equal(ActionResultKind.Forbidden, result.Kind);
        Assert.Equal(ReportProblemCodes.SenderRevoked, result.Errors.Problems.Single().Code);
        Assert.False(ran);
    }

    private static ActionReceipt Receipt(IdempotencyClaim claim) => new("test.note", "user:tester", "127.0.0.1", s_at, claim, null);

    private static IdempotencyClaim Claim(string key, string hash) => new("user:tester", key, hash);

    /// <summary>A write into a table of the test's own, created in the same transaction.</summary>
    private static ActionWrite InsertNote(string text) => async (connection, transaction, token) =>
    {
        await connection.ExecuteAsync(new CommandDefinition("CREATE TABLE IF NOT EXISTS test_notes (text TEXT NOT NULL)", transaction: transaction, cancellationToken: token));
        await connection.ExecuteAsync(new CommandDefinition("INSERT INTO test_notes (text) VALUES (@text)", new { text }, transaction, cancellationToken: token));
        return ActionResult.Created($"/notes/{text}", $"{{\"text\":\"{text}\"}}", $"note {text}", "noted");
    };

    private static async Task<long> CountNotesAsync(TestStore store)
    {
        await using var connection = await store.Database.OpenAsync(Ct);
        // A rolled-back write also rolls back the table it created.
        return await connection.ExecuteScalarAsync<long>(StoreSql.For(connection,
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'test_notes'",
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'test_notes'")) == 0
            ? 0
            : await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM test_notes");
    }
}
