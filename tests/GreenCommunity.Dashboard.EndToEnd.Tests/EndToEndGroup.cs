namespace GreenCommunity.Dashboard.EndToEnd.Tests;

/// <summary>
/// The browser tests that keep the processor busy run one at a time (on 2 cores they are faster in series), beside the
/// tests of <see cref="EndToEndWaitingGroup"/>, which mostly wait on processes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndGroup
{
    public const string Name = "End to end";
}

/// <summary>
/// Tests that mostly wait on processes (a server killed and restarted, a page's reconnection, a revocation's sweep, the
/// PostgreSQL demo store's first play): one at a time too, but beside <see cref="EndToEndGroup"/>, so that their waits
/// overlap its work.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndWaitingGroup
{
    public const string Name = "End to end, waiting on processes";
}
