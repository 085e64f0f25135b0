using GreenCommunity.Data.Access;
using GreenCommunity.Data.Storage;
using GreenCommunity.Data.Tests.Shared;

namespace GreenCommunity.Data.Tests.Access;

/// <summary>Accounts against a real SQLite file: lock-out per address, passwords changed and reset.</summary>
public sealed class UserStoreTests : IAsyncLifetime
{
    private const string Attacker = "203.0.113.5";
    private const string Owner = "198.51.100.5";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gc-tests-" + Guid.NewGuid().ToString("N"));
    private readonly MovableClock _clock = new(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
    private StoreDatabase _database = null!;
    private UserStore _users = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _database = await TestDatabases.CreateAsync(_directory);
        await new DatabaseMigrator(_database).MigrateAsync(Ct);
        _users = new UserStore(_database, _clock);
    }

    public async ValueTask DisposeAsync()
    {
        await TestDatabases.DropAsync(_database);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task SignIn_WrongPasswordsFromOneAddress_LockOnlyThatAddressAndOnlyForTheLockOutDuration()
    {
        // Arrange
        await _users.CreateAsync("owner", "Owner", UserAccount.ViewerRole, null, "the-owners-password", Ct);
        var attempts = new List<SignInStatus>();

        // Act
        for (var i = 0; i < UserStore.MaxFailedSignIns; i++)
        {
            attempts.Add((await _users.SignInAsync("owner", "guess-" + i, Attacker, Ct)).Status);
        }
        var attackerRight = (await _users.SignInAsync("owner", "the-owners-password", Attacker, Ct)).Status;
        var ownerElsewhere = (await _users.SignInAsync("owner", "the-owners-password", Owner, Ct)).Status;
        _clock.Now += UserStore.LockoutDuration;
        var afterTheLock = (await _users.SignInAsync("owner", "the-owners-password", Attacker, Ct)).Status;

        // Assert
        Assert.Equal([.. Enumerable.Repeat(SignInStatus.WrongPassword, UserStore.MaxFailedSignIns - 1), SignInStatus.LockedOut], attempts);
        Assert.Equal(SignInStatus.LockedOut, attackerRight);
        Assert.Equal(SignInStatus.Succeeded, ownerElsewhere);
        Assert.Equal(SignInStatus.Succeeded, afterTheLock);
    }

    [Fact]
    public async Task SignIn_WrongPasswordsFarApart_NeverAddUpToALockOut()
    {
        // Arrange
        await _users.CreateAsync("typist", "Typist", UserAccount.ViewerRole, null, "the-typists-password", Ct);
        var attempts = new List<SignInStatus>();

        // Act: one typo a day for a week
        for (var i = 0; i < 7; i++)
        {
            attempts.Add((await _users.SignInAsync("typist", "typo-" + i, Owner, Ct)).Status);
            _clock.Now += TimeSpan.FromDays(1);
        }

        // Assert
        Assert.All(attempts, a => Assert.Equal(SignInStatus.WrongPassword, a));
    }

    [Fact]
    public async Task SignIn_DisabledAccount_IsOnlyToldToWhoeverKnowsThePassword()
    {
        // Arrange
        var account = await _users.CreateAsync("gone", "Gone", UserAccount.ViewerRole, null, "the-gone-password", Ct);
        await _users.SetDisabledAsync(account.Id, disabled: true, Ct);

        // Act
        var wrong = (await _users.SignInAsync("gone", "a-guess-at-it", Attacker, Ct)).Status;
        var right = (await _users.SignInAsync("gone", "the-gone-password", Owner, Ct)).Status;

        // Assert
        Assert.Equal(SignInStatus.WrongPassword, wrong);
        Assert.Equal(SignInStatus.Disabled, right);
    }

    [Fact]
    public async Task ChangeAndReset_NewStampEachTime_ResetMustBeChangedAndTheChangeClearsIt()
    {
        // Arrange
        var account = await _users.CreateAsync("changer", "Changer", UserAccount.ViewerRole, null, "first-password", mustChangePassword: true, Ct);

        // Act
        var changed = await _users.ChangePasswordAsync(account.Id, "first-password", "second-password", Ct);
        var afterChange = await _users.GetAsync(account.Id, Ct);
        var reset = await _users.ResetPasswordAsync(account.Id, Ct);
        var afterReset = await _users.GetAsync(account.Id, Ct);
        var signIn = await _users.SignInAsync("changer", reset!.Value.Password, Owner, Ct);

        // Assert
        Assert.True(account.MustChangePassword);
        Assert.Equal(PasswordChangeStatus.Changed, changed.Status);
        Assert.False(afterChange!.MustChangePassword);
        Assert.NotEqual(account.SecurityStamp, afterChange.SecurityStamp);
        Assert.True(afterReset!.MustChangePassword);
        Assert.NotEqual(afterChange.SecurityStamp, afterReset.SecurityStamp);
        Assert.Equal(SignInStatus.Succeeded, signIn.Status);
        Assert.Equal(SignInStatus.WrongPassword, (await _users.SignInAsync("changer", "second-password", Owner, Ct)).Status);
    }

    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
