namespace GreenCommunity.Data.Tests.Shared;

/// <summary>A clock that always reads the same instant: the demo's "now" in a test.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
