using System.Data.Common;
using Dapper;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Audit;
using GreenCommunity.Data.Storage;
using Microsoft.Data.Sqlite;

namespace GreenCommunity.Data.Tests.Storage;

/// <summary>
/// Days and instants go to SQLite as Dapper parameters and come back as DateOnly and DateTimeOffset; the stored text
/// is read back with a plain SqliteCommand, so Dapper's own mappings cannot hide a change of format.
/// </summary>
public sealed class DapperTypeHandlersTests : IAsyncLifetime
{
    private static readonly DateOnly s_day = new(2022, 6, 30);
    private static readonly DateTimeOffset s_utcInstant = new(2022, 6, 30, 2, 0, 0, 123, TimeSpan.Zero);
    private static readonly DateTimeOffset s_chinaInstant = new(2022, 5, 20, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gc-tests-" + Guid.NewGuid().ToString("N"));
    private SqliteStore _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _database = SqliteStore.ForDirectory(_directory);
        await using var connection = await _database.OpenAsync(Ct);
        await connection.ExecuteAsync("CREATE TABLE dates (id INTEGER PRIMARY KEY, day TEXT, instant TEXT)");
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
    public async Task Parameters_DayAndInstant_AreStoredAsTheIsoTextOfBefore()
    {
        // Arrange
        await using var connection = await _database.OpenAsync(Ct);

        // Act
        await connection.ExecuteAsync(new CommandDefinition("INSERT INTO dates (id, day, instant) VALUES (1, @day, @instant), (2, @day, @china)",
            new { day = s_day, instant = s_utcInstant, china = s_chinaInstant }, cancellationToken: Ct));

        // Assert
        Assert.Equal(["1|2022-06-30|text|2022-06-30T02:00:00.123+00:00|text", "2|2022-06-30|text|2022-05-20T10:00:00.000+08:00|text"],
            await RawAsync(connection, "SELECT id || '|' || day || '|' || typeof(day) || '|' || instant || '|' || typeof(instant) FROM dates ORDER BY id"));
    }

    [Fact]
    public async Task Parameters_NullableWithAndWithoutValue_AreStoredAsTextOrNull()
    {
        // Arrange
        await using var connection = await _database.OpenAsync(Ct);
        DateOnly? day = s_day;
        DateTimeOffset? none = null;

        // Act
        await connection.ExecuteAsync(new CommandDefinition("INSERT INTO dates (id, day, instant) VALUES (1, @day, @none)", new { day, none }, cancellationToken: Ct));

        // Assert
        Assert.Equal(["2022-06-30|null"], await RawAsync(connection, "SELECT day || '|' || typeof(instant) FROM dates"));
    }

    [Fact]
    public async Task Columns_ReadIntoRecordsTuplesAndScalars_RoundTrip()
    {
        // Arrange
        await using var connection = await _database.OpenAsync(Ct);
        await connection.ExecuteAsync(new CommandDefinition("INSERT INTO dates (id, day, instant) VALUES (1, @day, @china), (2, NULL, NULL)",
            new { day = s_day, china = s_chinaInstant }, cancellationToken: Ct));

        // Act
        var rows = (await connection.QueryAsync<DateRow>(new CommandDefinition("SELECT id AS Id, day AS Day, instant AS Instant FROM dates ORDER BY id", cancellationToken: Ct))).ToList();
        var tuple = await connection.QuerySingleAsync<(DateOnly Day, DateTimeOffset Instant)>(new CommandDefinition("SELECT day, instant FROM dates WHERE id = 1", cancellationToken: Ct));
        var day = await connection.ExecuteScalarAsync<DateOnly>(new CommandDefinition("SELECT day FROM dates WHERE id = 1", cancellationToken: Ct));
        var instants = (await connection.QueryAsync<DateTimeOffset>(new CommandDefinition("SELECT instant FROM dates WHERE id = 1", cancellationToken: Ct))).ToList();
        var found = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM dates WHERE day <= @day AND instant = @instant",
            new { day = s_day, instant = s_chinaInstant }, cancellationToken: Ct));

        // Assert
        Assert.Equal([new DateRow(1, s_day, s_chinaInstant), new DateRow(2, null, null)], rows);
        Assert.Equal(TimeSpan.FromHours(8), rows[0].Instant!.Value.Offset);
        Assert.Equal((s_day, s_chinaInstant), tuple);
        Assert.Equal(s_day, day);
        Assert.Equal([s_chinaInstant], instants);
        Assert.Equal(1L, found);
    }

    [Fact]
    public async Task Register_CalledAgain_ChangesNothing()
    {
        // Arrange
        DapperTypeHandlers.Register();
        DapperTypeHandlers.Register();
        await using var connection = await _database.OpenAsync(Ct);

        // Act
        var text = await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT @instant", new { instant = s_utcInstant }, cancellationToken: Ct));

        // Assert
        Assert.Equal("2022-06-30T02:00:00.123+00:00", text);
    }

    [Fact]
    public async Task TokensAndAccounts_TheirInstants_AreStoredAsBeforeAndReadBack()
    {
        // Arrange
        var migrator = new DatabaseMigrator(_database);
        await migrator.MigrateAsync(Ct);
        var clock = new FixedClock(s_utcInstant);
        var tokens = new ApiTokenStore(_database, clock);
        var users = new UserStore(_database, clock);

        // Act
        var (issued, secret) = await tokens.IssueAsync("t", ApiToken.ProvinceScope, Ct);
        var validated = await tokens.ValidateAsync(secret, Ct);
        await tokens.RevokeAsync(issued.Id, Ct);
        var revoked = await tokens.GetAsync(issued.Id, Ct);
        var account = await users.CreateAsync("admin1", "Admin", UserAccount.AdminRole, null, "correct horse battery", Ct);
        for (var i = 0; i < UserStore.MaxFailedSignIns; i++)
        {
            await users.SignInAsync("admin1", "wrong password!!", "192.0.2.1", Ct);
        }
        var locked = await users.GetAsync(account.Id, Ct);

        // Assert
        await using var connection = await _database.OpenAsync(Ct);
        Assert.Equal(["2022-06-30T02:00:00.123+00:00|2022-06-30T02:00:00.123+00:00|2022-06-30T02:00:00.123+00:00"],
            await RawAsync(connection, "SELECT created_at || '|' || last_used_at || '|' || revoked_at FROM api_tokens"));
        Assert.Equal(["2022-06-30T02:00:00.123+00:00|2022-06-30T02:15:00.123+00:00"],
            await RawAsync(connection, "SELECT u.created_at || '|' || f.locked_until FROM users u JOIN sign_in_failures f ON f.user_id = u.id"));
        Assert.Equal(s_utcInstant, validated!.CreatedAt);
        Assert.Null(validated.RevokedAt);
        Assert.Equal((s_utcInstant, s_utcInstant, s_utcInstant), (revoked!.CreatedAt, revoked.RevokedAt, revoked.LastUsedAt));
        Assert.Equal((s_utcInstant, (DateTimeOffset?)null), (locked!.CreatedAt, locked.LastSignInAt));
    }

    [Fact]
    public async Task AuditLog_ChinaTimeEntry_IsStoredInUtcAndFoundByItsInstant()
    {
        // Arrange
        await new DatabaseMigrator(_database).MigrateAsync(Ct);
        var log = new AuditLog(_database);

        // Act
        await log.WriteAsync(new AuditEntry(s_chinaInstant, "admin", null, "test.act", null, AuditOutcome.Allowed, null), Ct);
        var (within, _) = await log.QueryAsync(new AuditFilter(From: s_chinaInstant, To: s_chinaInstant), 1, 10, Ct);
        var (after, _) = await log.QueryAsync(new AuditFilter(From: s_chinaInstant.AddMilliseconds(1)), 1, 10, Ct);

        // Assert
        await using var connection = await _database.OpenAsync(Ct);
        Assert.Equal(["2022-05-20T02:00:00.000+00:00"], await RawAsync(connection, "SELECT at FROM audit_log"));
        Assert.Equal(s_chinaInstant, Assert.Single(within).At);
        Assert.Empty(after);
    }

    /// <summary>Each row of a query's first column, as SQLite gives it, without Dapper.</summary>
    private static async Task<List<string?>> RawAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<string?>();
        while (await reader.ReadAsync(Ct))
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }
        return values;
    }

    private sealed record DateRow(long Id, DateOnly? Day, DateTimeOffset? Instant);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
