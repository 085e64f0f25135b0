namespace GreenCommunity.Dashboard.EndToEnd.Tests;

/// <summary>Browser and process tests run one at a time: on 2 cores they are faster in series.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndGroup
{
    public const string Name = "End to end";
}
