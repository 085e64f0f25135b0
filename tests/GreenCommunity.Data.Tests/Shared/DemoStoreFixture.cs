using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Tests.Shared;

/// <summary>
/// One store with the demo history played (seed 2021, the default) up to a fixed now, shared by the read-only tests of
/// every class that asks for it: played once per run, when first asked for (playing the history is the suite's longest
/// step, on PostgreSQL most of all), and let go when the test process ends.
/// </summary>
public sealed class DemoStoreFixture : IAsyncLifetime
{
    /// <summary>Noon in China on 30 November 2026: after the 25th, so this month's reports are on time, late or missing.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(8));

    private static readonly Lazy<Task<TestStore>> s_shared = new(PlayAsync);

    public TestStore Store { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Store = await s_shared.Value;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;   // shared with the other classes: see PlayAsync

    private static async Task<TestStore> PlayAsync()
    {
        var store = await TestStore.CreateAsync(playDemo: true, clock: new FixedClock(Now));
        if (TestDatabases.Engine == StoreEngine.Sqlite)
        {
            // A PostgreSQL test database goes with its server, which stops when the process ends.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return store;
    }
}
