using GreenCommunity.Data.Access;

namespace GreenCommunity.Dashboard.Admin;

public enum AdminStatus
{
    Done,
    Forbidden,
    Invalid,
    NotFound,
}

/// <summary>The outcome of an administrative action; <see cref="Value"/> is set when it was done.</summary>
public sealed record AdminResult<T>(AdminStatus Status, T? Value, string? Message = null);

public static class AdminResult
{
    public static AdminResult<T> Done<T>(T value) => new(AdminStatus.Done, value);
}

/// <summary>A new account, and its password when it was generated (the only copy: shown once).</summary>
public sealed record CreatedAccount(UserAccount Account, string? GeneratedPassword);
