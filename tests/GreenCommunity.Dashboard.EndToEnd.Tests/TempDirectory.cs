namespace GreenCommunity.Dashboard.EndToEnd.Tests;

public sealed class TempDirectory : IDisposable
{
    /// <summary>A new folder holding a copy of the demo data folder (<see cref="DemoStore"/>): the app starts on the demo store.</summary>
    public static async Task<TempDirectory> WithDemoStoreAsync()
    {
        var directory = new TempDirectory();
        await DemoStore.CopyToAsync(directory.Path);
        return directory;
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gc-e2e-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
