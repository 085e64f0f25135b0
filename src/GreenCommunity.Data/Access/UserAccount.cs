namespace GreenCommunity.Data.Access;

/// <summary>
/// A person who signs in: a province administrator, a locality's coordinator, a viewer or a provincial department
/// (<see cref="Department"/>: its code). <see cref="MustChangePassword"/> is set when an administrator chose the password
/// (a new account, a reset): its owner must choose their own first.
/// </summary>
public sealed record UserAccount(long Id, string UserName, string DisplayName, string Role, string? Locality, bool Disabled,
    string SecurityStamp, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt, bool MustChangePassword = false, string? Department = null)
{
    public const string AdminRole = "admin";
    public const string CoordinatorRole = "coordinator";
    public const string ViewerRole = "viewer";
    public const string DepartmentRole = "department";

    public static IReadOnlyList<string> Roles { get; } = [AdminRole, CoordinatorRole, ViewerRole, DepartmentRole];
}

/// <summary>
/// Why a sign-in ended as it did. The audit keeps this; the sign-in page does not tell an unknown name, a wrong
/// password and a lock-out apart.
/// </summary>
public enum SignInStatus
{
    Succeeded,
    WrongPassword,
    LockedOut,
    Disabled,
    UnknownUser,
}

public sealed record SignInOutcome(SignInStatus Status, UserAccount? User);
