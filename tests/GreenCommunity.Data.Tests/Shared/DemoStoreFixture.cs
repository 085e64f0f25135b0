namespace GreenCommunity.Data.Tests.Shared;

/// <summary>One store with the demo history played (seed 2021, the default), shared by the read-only tests.</summary>
public sealed class DemoStoreFixture : IAsyncLifetime
{
    public TestStore Store { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Store = await TestStore.CreateAsync(playDemo: true);

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
