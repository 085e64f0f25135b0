using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using Microsoft.Data.Sqlite;

namespace GreenCommunity.Data.Tests.Storage;

/// <summary>
/// SQLite's store keeps one connection open for the report writer, with each command text's statements compiled once:
/// it must be the same connection from one write to the next, hand back nothing half-done (a transaction, a reader that
/// holds a snapshot), and a write that failed must leave it usable or closed, never wrong.
/// </summary>
public sealed class SqliteWritingConnectionTests : IAsyncLifetime
{
    private const string Wuhan = "420100";

    private static readonly DateTimeOffset s_received = new(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gc-tests-" + Guid.NewGuid().ToString("N"));
    private SqliteStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _store = SqliteStore.ForDirectory(_directory);
        await using var connection = await _store.OpenAsync(Ct);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL; CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Writes_OneAfterAnother_ShareOneConnectionAndCompileEachTextOnce()
    {
        // Arrange
        var first = await WriteNoteAsync(1);

        // Act
        var second = await WriteNoteAsync(2);

        // Assert
        Assert.Same(first.Connection, second.Connection);
        Assert.True(first.Compilations > 0);
        Assert.Equal(first.Compilations, second.Compilations);
        Assert.Equal(["note 1", "note 2"], await NotesAsync());
    }

    [Fact]
    public async Task Dispose_WithTheTransactionStillOpen_ClosesTheConnectionAndRollsBack()
    {
        // Arrange
        var kept = (await WriteNoteAsync(1)).Connection;
        var connection = await _store.OpenForWritingAsync(Ct);
        var transaction = await _store.BeginWriteAsync(connection, Ct);
        await connection.ExecuteAsync("INSERT INTO notes (id, text) VALUES (2, 'never committed')", transaction: transaction);

        // Act
        await connection.DisposeAsync();   // the transaction left as it was

        // Assert
        Assert.Same(kept, connection);
        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        await using var next = await _store.OpenForWritingAsync(Ct);
        Assert.NotSame(connection, next);
        Assert.Equal(["note 1"], await NotesAsync());
    }

    [Fact]
    public async Task Write_ThatFails_LeavesNothingAndTheKeptConnectionWritesNext()
    {
        // Arrange
        var kept = (await WriteNoteAsync(1)).Connection;

        // Act
        var failure = await Assert.ThrowsAsync<SqliteException>(async () =>
        {
            await using var connection = await _store.OpenForWritingAsync(Ct);
            await using var transaction = await _store.BeginWriteAsync(connection, Ct);
            await connection.ExecuteAsync("INSERT INTO notes (id, text) VALUES (@Id, @Text)", new { Id = 5, Text = "in the failed transaction" }, transaction);
            await connection.ExecuteAsync("INSERT INTO notes (id, text) VALUES (@Id, @Text)", new { Id = 1, Text = "a key already taken" }, transaction);
            await transaction.CommitAsync(Ct);
        });
        var after = await WriteNoteAsync(3);

        // Assert
        Assert.Contains("UNIQUE", failure.Message, StringComparison.Ordinal);
        Assert.Same(kept, after.Connection);
        Assert.Equal(["note 1", "note 3"], await NotesAsync());
    }

    [Fact]
    public async Task KeptStatements_AfterAQueryReadToItsEnd_HoldNoSnapshotAgainstACheckpoint()
    {
        // Arrange: a read through the kept connection, which keeps the SELECT compiled
        await WriteNoteAsync(1);
        await using (var connection = await _store.OpenForWritingAsync(Ct))
        {
            Assert.Equal(["note 1"], (await connection.QueryAsync<string>("SELECT text FROM notes ORDER BY id")).AsList());
        }

        // Act: a checkpoint that must copy the whole log back and empty it, which an open snapshot would stop
        await using var other = await _store.OpenAsync(Ct);
        var (busy, logFrames, checkpointed) = await other.QuerySingleAsync<(long, long, long)>("PRAGMA wal_checkpoint(TRUNCATE)");

        // Assert
        Assert.Equal(0, busy);
        Assert.Equal(logFrames, checkpointed);
    }

    [Fact]
    public async Task Texts_BeyondTheLimit_RunUncompiledKeepsAndStillWork()
    {
        // Arrange
        await using var connection = await _store.OpenForWritingAsync(Ct);
        var keeping = Assert.IsType<StatementKeepingSqliteConnection>(connection);

        // Act
        var values = new List<long>();
        for (var k = 0; k < StatementKeepingSqliteConnection.MaxKeptTexts + 10; k++)
        {
            values.Add(await connection.ExecuteScalarAsync<long>($"SELECT {k} + @One", new { One = 1 }));
        }

        // Assert
        Assert.Equal(Enumerable.Range(1, StatementKeepingSqliteConnection.MaxKeptTexts + 10).Select(v => (long)v), values);
        Assert.Equal(StatementKeepingSqliteConnection.MaxKeptTexts, keeping.Compilations);
    }

    [Fact]
    public async Task Dispose_OfTheStore_ClosesTheKeptConnectionAndKeepsNoneAfter()
    {
        // Arrange
        var kept = (await WriteNoteAsync(1)).Connection;
        Assert.Equal(System.Data.ConnectionState.Open, kept.State);

        // Act
        _store.Dispose();

        // Assert
        Assert.Equal(System.Data.ConnectionState.Closed, kept.State);
        var late = (await WriteNoteAsync(2)).Connection;
        Assert.Equal(System.Data.ConnectionState.Closed, late.State);
        Assert.Equal(["note 1", "note 2"], await NotesAsync());
    }

    [Fact]
    public async Task ReportWriter_SecondReport_CompilesNothingNew()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        var communities = await WuhanCommunitiesAsync(store);
        await SubmitAsync(store, communities[0]);
        var afterFirst = await CompilationsAsync(store.Database);

        // Act
        await SubmitAsync(store, communities[1]);

        // Assert
        Assert.True(afterFirst > 2, $"{afterFirst} texts compiled for the first report: more than BEGIN and COMMIT");
        Assert.Equal(afterFirst, await CompilationsAsync(store.Database));
        Assert.Equal(2L, await store.CountAsync("stage_events"));
    }

    private async Task<(DbConnection Connection, int Compilations)> WriteNoteAsync(int id)
    {
        await using var connection = await _store.OpenForWritingAsync(Ct);
        await using (var transaction = await _store.BeginWriteAsync(connection, Ct))
        {
            await connection.ExecuteAsync("INSERT INTO notes (id, text) VALUES (@Id, @Text)", new { Id = id, Text = $"note {id}" }, transaction);
            await transaction.CommitAsync(Ct);
        }
        return (connection, ((StatementKeepingSqliteConnection)connection).Compilations);
    }

    private async Task<IReadOnlyList<string>> NotesAsync()
    {
        await using var connection = await _store.OpenAsync(Ct);
        return (await connection.QueryAsync<string>("SELECT text FROM notes ORDER BY id")).AsList();
    }

    private static async Task<int> CompilationsAsync(StoreDatabase database)
    {
        await using var connection = await database.OpenForWritingAsync(Ct);   // the kept one, handed back when disposed
        return Assert.IsType<StatementKeepingSqliteConnection>(connection).Compilations;
    }

    private static async Task<IReadOnlyList<string>> WuhanCommunitiesAsync(TestStore store)
    {
        await using var connection = await store.Database.OpenAsync(Ct);
        return (await connection.QueryAsync<string>("SELECT code FROM communities WHERE locality_code = @Wuhan ORDER BY code LIMIT 2", new { Wuhan })).AsList();
    }

    private static async Task SubmitAsync(TestStore store, string community)
    {
        var report = new ReportSubmission(Wuhan, ReportKind.Monthly, ReportPeriod.OfMonth(2022, 5), "武汉市住房和城乡建设局", null,
            [new CommunityUpdate(community, Stage.InProgress, new DateOnly(2022, 5, 10), new Dictionary<int, double> { [1] = 1, [12] = 0.4 })]);
        var outcome = await store.Writer.SubmitAsync(report, SubmitterScope.ForLocality(Wuhan), s_received, Ct);
        Assert.True(outcome.IsStored);
    }
}
