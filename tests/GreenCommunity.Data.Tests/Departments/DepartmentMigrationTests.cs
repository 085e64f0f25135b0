using Dapper;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;
using Microsoft.AspNetCore.Identity;

namespace GreenCommunity.Data.Tests.Departments;

/// <summary>0010 rebuilds users (SQLite cannot change a CHECK): a store from before it keeps its accounts and their sign-ins.</summary>
public sealed class DepartmentMigrationTests : IAsyncDisposable
{
    private const string Before = "0010_departments.sql";

    private readonly UnmigratedStore _store = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Migrate_UsersCreatedBefore0010_KeepTheirIdsPasswordsAndSignInFailures()
    {
        // Arrange: the store as it was before 0010, with two accounts, one with a wrong password on record
        await _store.ApplyScriptsBeforeAsync(Before, Ct);
        var hash = new PasswordHasher<UserAccount>().HashPassword(null!, "an-old-users-password");
        await using (var connection = await _store.Database.OpenAsync(Ct))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO users (id, user_name, display_name, role, locality, password_hash, security_stamp, created_at, last_sign_in_at, must_change_password)
                VALUES (7, 'old-wuhan', '武汉市联络员', 'coordinator', '420100', @hash, 'stamp-7', '2021-06-01T00:00:00.000+00:00', '2026-11-01T01:00:00.000+00:00', 0),
                       (9, 'old-leader', '省领导', 'viewer', NULL, @hash, 'stamp-9', '2021-06-02T00:00:00.000+00:00', NULL, 1);
                INSERT INTO sign_in_failures (user_id, address, failures, locked_until, last_failed_at)
                VALUES (7, '203.0.113.5', 2, NULL, '2026-11-30T01:00:00.000+00:00');
                """, new { hash });
        }

        // Act
        var applied = await new DatabaseMigrator(_store.Database).MigrateAsync(Ct);

        // Assert
        Assert.Contains(Before, applied);
        var users = new UserStore(_store.Database, TimeProvider.System);
        var wuhan = await users.GetAsync(7, Ct);
        Assert.Equal(("old-wuhan", "coordinator", "420100", "stamp-7", (string?)null), (wuhan!.UserName, wuhan.Role, wuhan.Locality, wuhan.SecurityStamp, wuhan.Department));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.Zero), wuhan.LastSignInAt);
        Assert.True((await users.GetAsync(9, Ct))!.MustChangePassword);
        await using var check = await _store.Database.OpenAsync(Ct);
        Assert.Equal(2L, await check.ExecuteScalarAsync<long>("SELECT failures FROM sign_in_failures WHERE user_id = 7"));
        Assert.Empty(await check.QueryAsync("PRAGMA foreign_key_check"));
        Assert.Equal("users", await check.ExecuteScalarAsync<string>("SELECT \"table\" FROM pragma_foreign_key_list('sign_in_failures')"));
        Assert.Equal(SignInStatus.Succeeded, (await users.SignInAsync("old-wuhan", "an-old-users-password", "198.51.100.5", Ct)).Status);
    }

    [Fact]
    public async Task Migrate_ThenCreate_TakesADepartmentAccountOnlyWithAKnownDepartment()
    {
        // Arrange
        await new DatabaseMigrator(_store.Database).MigrateAsync(Ct);
        var users = new UserStore(_store.Database, TimeProvider.System);

        // Act
        var fgw = await users.CreateAsync(new NewAccount("dept-fgw", "省发展改革委", UserAccount.DepartmentRole, null, "fgw"), "a-departments-password", false, Ct);
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() =>
            users.CreateAsync(new NewAccount("dept-x", "X", UserAccount.DepartmentRole, null, "xx"), "a-departments-password", false, Ct));
        var without = await Assert.ThrowsAsync<ArgumentException>(() =>
            users.CreateAsync(new NewAccount("dept-y", "Y", UserAccount.DepartmentRole, null, null), "a-departments-password", false, Ct));
        var viewerWithOne = await Assert.ThrowsAsync<ArgumentException>(() =>
            users.CreateAsync(new NewAccount("viewer-z", "Z", UserAccount.ViewerRole, null, "fgw"), "a-departments-password", false, Ct));

        // Assert
        Assert.Equal("fgw", (await users.GetAsync(fgw.Id, Ct))!.Department);
        Assert.Contains("No department", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("has a department", without.Message, StringComparison.Ordinal);
        Assert.Contains("has a department", viewerWithOne.Message, StringComparison.Ordinal);
        Assert.Single(await users.ListAsync(Ct));
    }
}
