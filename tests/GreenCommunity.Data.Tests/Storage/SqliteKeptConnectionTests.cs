using System.Data;
using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Reports;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GreenCommunity.Data.Tests.Storage;

/// <summary>
/// SQLite's store keeps its idle connections open, each with its command texts' statements compiled once: a connection
/// must come back to the next user with nothing half-done (a transaction, a reader that holds a snapshot), a failed
/// write must leave it usable or closed, never wrong, and what it keeps must stay bounded.
/// </summary>
public sealed class SqliteKeptConnectionTests : IAsyncLifetime
{
    private const string Wuhan = "420100";

    private const int StatementStatusRun = 6;   // SQLITE_STMTSTATUS_RUN (sqlite3.h), which SQLitePCLRaw does not name

    private static readonly DateTimeOffset s_received = new(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly UnmigratedStore _empty = new();

    private SqliteStore Store => _empty.Database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var connection = await Store.OpenAsync(Ct);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL; CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    }

    public ValueTask DisposeAsync() => _empty.DisposeAsync();

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
        var connection = await Store.OpenAsync(Ct);
        var transaction = await Store.BeginWriteAsync(connection, Ct);
        await connection.ExecuteAsync("INSERT INTO notes (id, text) VALUES (2, 'never committed')", transaction: transaction);

        // Act
        await connection.DisposeAsync();   // the transaction left as it was

        // Assert
        Assert.Same(kept, connection);
        Assert.Equal(ConnectionState.Closed, connection.State);
        Assert.Empty(Store.IdleConnections);
        Assert.Equal(["note 1"], await NotesAsync());
    }

    [Fact]
    public async Task Dispose_WithAReaderStoppedMidway_ClosesTheConnection()
    {
        // Arrange
        await WriteNoteAsync(1);
        await WriteNoteAsync(2);
        var connection = await Store.OpenAsync(Ct);
        var reader = await connection.ExecuteReaderAsync("SELECT text FROM notes ORDER BY id");
        Assert.True(await reader.ReadAsync(Ct));   // one row of two: its statement is still running

        // Act
        await connection.DisposeAsync();   // the reader left as it was

        // Assert
        Assert.Equal(ConnectionState.Closed, connection.State);
        Assert.DoesNotContain(connection, Store.IdleConnections);
    }

    [Fact]
    public async Task Write_ThatFails_LeavesNothingAndTheKeptConnectionWritesNext()
    {
        // Arrange
        var kept = (await WriteNoteAsync(1)).Connection;

        // Act
        var failure = await Assert.ThrowsAsync<SqliteException>(async () =>
        {
            await using var connection = await Store.OpenAsync(Ct);
            await using var transaction = await Store.BeginWriteAsync(connection, Ct);
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
        // Arrange: a read through a kept connection, which keeps the SELECT compiled
        await WriteNoteAsync(1);
        var reader = await Store.OpenAsync(Ct);
        await using var other = await Store.OpenAsync(Ct);
        Assert.Equal(["note 1"], (await reader.QueryAsync<string>("SELECT text FROM notes ORDER BY id")).AsList());
        await reader.DisposeAsync();
        Assert.Contains(reader, Store.IdleConnections);

        // Act: a checkpoint that must copy the whole log back and empty it, which an open snapshot would stop
        var (busy, logFrames, checkpointed) = await other.QuerySingleAsync<(long, long, long)>("PRAGMA wal_checkpoint(TRUNCATE)");

        // Assert
        Assert.Equal(0, busy);
        Assert.Equal(logFrames, checkpointed);
    }

    [Fact]
    public async Task Texts_BeyondTheLimit_PushOutTheLeastRecentlyUsed()
    {
        // Arrange
        await using var connection = await Store.OpenAsync(Ct);
        var keeping = Assert.IsType<StatementKeepingSqliteConnection>(connection);
        var texts = StatementKeepingSqliteConnection.MaxKeptTexts + 10;
        var before = keeping.Compilations;   // the set-up's own script

        // Act
        var values = new List<long>();
        for (var k = 0; k < texts; k++)
        {
            values.Add(await connection.ExecuteScalarAsync<long>($"SELECT {k} + @One", new { One = 1 }));
        }
        var afterAll = keeping.Compilations;
        await connection.ExecuteScalarAsync<long>($"SELECT {texts - 1} + @One", new { One = 1 });   // the most recent: still kept
        var afterRecent = keeping.Compilations;
        await connection.ExecuteScalarAsync<long>("SELECT 0 + @One", new { One = 1 });   // the first: pushed out long ago
        var afterFirst = keeping.Compilations;

        // Assert
        Assert.Equal(Enumerable.Range(1, texts).Select(v => (long)v), values);
        Assert.Equal(before + texts, afterAll);
        Assert.Equal(before + texts, afterRecent);
        Assert.Equal(before + texts + 1, afterFirst);
        Assert.Equal(StatementKeepingSqliteConnection.MaxKeptTexts, keeping.KeptTexts);
    }

    [Fact]
    public async Task LargeParameter_RunsOnStatementsOfItsOwn()
    {
        // Arrange
        await using var connection = await Store.OpenAsync(Ct);
        var keeping = Assert.IsType<StatementKeepingSqliteConnection>(connection);
        var large = new string('x', StatementKeepingSqliteConnection.MaxKeptParameterLength + 1);
        var before = keeping.Compilations;

        // Act
        var length = await connection.ExecuteScalarAsync<long>("SELECT length(@Text)", new { Text = large });
        var afterLarge = keeping.Compilations;
        var small = await connection.ExecuteScalarAsync<long>("SELECT length(@Text)", new { Text = "xyz" });

        // Assert
        Assert.Equal(large.Length, length);
        Assert.Equal(3, small);
        Assert.Equal(before, afterLarge);
        Assert.Equal(before + 1, keeping.Compilations);   // the small call's text is kept
    }

    [Fact]
    public async Task SameText_WhileItsReaderIsOpen_RunsBesideIt()
    {
        // Arrange
        await WriteNoteAsync(1);
        await WriteNoteAsync(2);
        await using var connection = await Store.OpenAsync(Ct);
        const string Sql = "SELECT text FROM notes WHERE id >= @From ORDER BY id";

        // Act
        var first = new List<string>();
        await using (var open = await connection.ExecuteReaderAsync(Sql, new { From = 1 }))
        {
            Assert.True(await open.ReadAsync(Ct));
            first.Add(open.GetString(0));
            var beside = (await connection.QueryAsync<string>(Sql, new { From = 2 })).AsList();
            Assert.Equal(["note 2"], beside);
            while (await open.ReadAsync(Ct))
            {
                first.Add(open.GetString(0));
            }
        }
        var again = (await connection.QueryAsync<string>(Sql, new { From = 1 })).AsList();

        // Assert
        Assert.Equal(["note 1", "note 2"], first);
        Assert.Equal(["note 1", "note 2"], again);
    }

    [Fact]
    public async Task Connections_OpenAtOnce_AreKeptUpToTheLimit()
    {
        // Arrange
        var count = SqliteStore.MaxIdleConnections + 2;
        var first = new List<DbConnection>();
        for (var k = 0; k < count; k++)
        {
            first.Add(await Store.OpenAsync(Ct));
        }

        // Act
        foreach (var connection in first)
        {
            await connection.DisposeAsync();
        }

        // Assert
        Assert.Equal(SqliteStore.MaxIdleConnections, Store.IdleConnections.Count);
        Assert.Equal(2, first.Count(c => c.State == ConnectionState.Closed));
        Assert.All(Store.IdleConnections, c => Assert.Contains(c, first));
    }

    [Fact]
    public async Task Dispose_OfTheStore_ClosesTheIdleConnectionsAndKeepsNoneAfter()
    {
        // Arrange
        var kept = (await WriteNoteAsync(1)).Connection;
        Assert.Equal(ConnectionState.Open, kept.State);

        // Act
        Store.Dispose();

        // Assert
        Assert.Equal(ConnectionState.Closed, kept.State);
        var late = (await WriteNoteAsync(2)).Connection;
        Assert.Equal(ConnectionState.Closed, late.State);
        Assert.Empty(Store.IdleConnections);
        Assert.Equal(["note 1", "note 2"], await NotesAsync());
    }

    [Fact]
    public async Task ReportWriter_SecondReport_CompilesNothingNew()
    {
        // Arrange
        await using var store = await TestStore.CreateAsync();
        var sqlite = Assert.IsType<SqliteStore>(store.Database);
        var communities = await WuhanCommunitiesAsync(store);
        await SubmitAsync(store, communities[0]);
        var afterFirst = Compilations(sqlite);

        // Act
        await SubmitAsync(store, communities[1]);

        // Assert
        Assert.True(afterFirst > 5, $"{afterFirst} texts compiled for the first report: its judgement's and its transaction's");
        Assert.Equal(afterFirst, Compilations(sqlite));
        Assert.Equal(2L, await store.CountAsync("stage_events"));
    }

    [Fact]
    public async Task SameText_RunAgain_RunsOnTheStatementCompiledTheFirstTime()
    {
        // Arrange: one run to its end (SQLite counts a run at its first step)
        await WriteNoteAsync(1);
        await using var connection = await Store.OpenAsync(Ct);
        var (firstStatement, firstRuns) = RunNoteQuery(connection);

        // Act
        var (secondStatement, secondRuns) = RunNoteQuery(connection);

        // Assert: SQLite's own statement, run twice; a new compilation of the same text would count its one run
        Assert.Equal(1, firstRuns);
        Assert.Equal(firstStatement, secondStatement);
        Assert.Equal(2, secondRuns);
    }

    [Fact]
    public async Task Parameters_NamedWithoutPrefix_BindAsTheTextWritesThemAndKeepTheirNames()
    {
        // Arrange: Dapper's way (no prefix), against a text that writes @ and one that writes $
        await WriteNoteAsync(1);
        await using var connection = await Store.OpenAsync(Ct);
        await using var at = connection.CreateCommand();
        at.CommandText = "SELECT text FROM notes WHERE id = @id";
        var atId = new SqliteParameter("id", 1);
        at.Parameters.Add(atId);
        await using var dollar = connection.CreateCommand();
        dollar.CommandText = "SELECT text FROM notes WHERE id = $id";
        var dollarId = new SqliteParameter("id", 1);
        dollar.Parameters.Add(dollarId);

        // Act
        var viaAt = (string?)await at.ExecuteScalarAsync(Ct);
        var viaDollar = (string?)await dollar.ExecuteScalarAsync(Ct);
        await at.DisposeAsync();

        // Assert
        Assert.Equal("note 1", viaAt);
        Assert.Equal("note 1", viaDollar);
        Assert.Equal("id", atId.ParameterName);
    }

    [Fact]
    public async Task Parameters_OfTheLastCall_GetTheirNamesBackWhenTheCommandRunsAgain()
    {
        // Arrange: as Dapper runs a list of arguments, the same command with new parameters for each
        await using var connection = await Store.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO notes (id, text) VALUES (@id, @text)";
        var first = new SqliteParameter("id", 1);
        command.Parameters.Add(first);
        command.Parameters.Add(new SqliteParameter("text", "note 1"));
        await command.ExecuteNonQueryAsync(Ct);
        command.Parameters.Clear();
        command.Parameters.Add(new SqliteParameter("id", 2));
        command.Parameters.Add(new SqliteParameter("text", "note 2"));

        // Act
        await command.ExecuteNonQueryAsync(Ct);

        // Assert: the first call's parameter is not held renamed until the command is disposed
        Assert.Equal("id", first.ParameterName);
        Assert.Equal(["note 1", "note 2"], await NotesAsync());
    }

    private async Task<(DbConnection Connection, int Compilations)> WriteNoteAsync(int id)
    {
        await using var connection = await Store.OpenAsync(Ct);
        await using (var transaction = await Store.BeginWriteAsync(connection, Ct))
        {
            await connection.ExecuteAsync("INSERT INTO notes (id, text) VALUES (@Id, @Text)", new { Id = id, Text = $"note {id}" }, transaction);
            await transaction.CommitAsync(Ct);
        }
        return (connection, ((StatementKeepingSqliteConnection)connection).Compilations);
    }

    /// <summary>Runs one note's query; returns its statement and how many runs SQLite has counted on it, this one included.</summary>
    private static (IntPtr Statement, int Runs) RunNoteQuery(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT text FROM notes WHERE id = @id";
        command.Parameters.Add(new SqliteParameter("id", 1));
        using var reader = (SqliteDataReader)command.ExecuteReader();
        Assert.True(reader.Read());
        var statement = reader.Handle!;
        return (statement.DangerousGetHandle(), raw.sqlite3_stmt_status(statement, StatementStatusRun, 0));
    }

    private async Task<IReadOnlyList<string>> NotesAsync()
    {
        await using var connection = await Store.OpenAsync(Ct);
        return (await connection.QueryAsync<string>("SELECT text FROM notes ORDER BY id")).AsList();
    }

    private static int Compilations(SqliteStore store) => store.IdleConnections.Sum(c => c.Compilations);

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
