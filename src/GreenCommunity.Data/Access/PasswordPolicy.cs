namespace GreenCommunity.Data.Access;

/// <summary>What a password must be: long enough, not absurdly long (hashing is the cost), and not the user name.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    /// <summary>The first rule a new password breaks, or null when it keeps them all.</summary>
    public static PasswordChangeStatus? Problem(string userName, string password) =>
        password.Length < MinLength ? PasswordChangeStatus.TooShort
        : password.Length > MaxLength ? PasswordChangeStatus.TooLong
        : string.Equals(password.Trim(), userName, StringComparison.OrdinalIgnoreCase) ? PasswordChangeStatus.SameAsUserName
        : null;

    /// <summary>The rule's text for messages in English (the pages show their own language).</summary>
    public static string Describe(PasswordChangeStatus problem) => problem switch
    {
        PasswordChangeStatus.TooShort => $"A password has at least {MinLength} characters.",
        PasswordChangeStatus.TooLong => $"A password has at most {MaxLength} characters.",
        PasswordChangeStatus.SameAsUserName => "A password must not be the user name.",
        PasswordChangeStatus.SameAsCurrent => "The new password must differ from the current one.",
        PasswordChangeStatus.WrongCurrentPassword => "The current password is wrong.",
        PasswordChangeStatus.NoAccount => "There is no such account.",
        _ => problem.ToString(),
    };
}

public enum PasswordChangeStatus
{
    Changed,
    WrongCurrentPassword,
    TooShort,
    TooLong,
    SameAsUserName,
    SameAsCurrent,
    NoAccount,
}

/// <summary>The outcome of a password change; <see cref="User"/> carries the new security stamp when it was changed.</summary>
public sealed record PasswordChangeOutcome(PasswordChangeStatus Status, UserAccount? User);
