namespace GreenCommunity.Data.Tests.Shared;

/// <summary>One store with the demo history played (seed 2021, the default) up to a fixed now, shared by the read-only tests.</summary>
public sealed class DemoStoreFixture : IAsyncLifetime
{
    /// <summary>Noon in China on 30 November 2026: after the 25th, so this month's reports are on time, late or missing.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(8));

    public TestStore Store { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Store = await TestStore.CreateAsync(playDemo: true, clock: new FixedClock(Now));

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
