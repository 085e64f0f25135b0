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
