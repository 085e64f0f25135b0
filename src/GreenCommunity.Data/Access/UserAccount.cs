namespace GreenCommunity.Data.Access;

/// <summary>A person who signs in: a province administrator, a locality's coordinator or a viewer.</summary>
public sealed record UserAccount(long Id, string UserName, string DisplayName, string Role, string? Locality, bool Disabled,
    int FailedSignIns, DateTimeOffset? LockedUntil, string SecurityStamp, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt)
{
    public const string AdminRole = "admin";
    public const string CoordinatorRole = "coordinator";
    public const string ViewerRole = "viewer";

    public static IReadOnlyList<string> Roles { get; } = [AdminRole, CoordinatorRole, ViewerRole];
}

public enum SignInStatus
{
    Succeeded,
    WrongPassword,
    LockedOut,
    Disabled,
    UnknownUser,
}

public sealed record SignInOutcome(SignInStatus Status, UserAccount? User);
