using System.Text.RegularExpressions;

namespace GreenCommunity.Data.Tests.Storage;

/// <summary>Storage (connections, migrations, date handlers) is the bottom of Data: it uses none of the other folders.</summary>
public sealed class StorageDependencyTests
{
    [Fact]
    public void StorageSources_NameNoOtherFolderOfData()
    {
        // Arrange
        var data = Path.Combine(RepositoryRoot(), "src", "GreenCommunity.Data");
        var others = Directory.GetDirectories(data)
            .Where(d => Directory.EnumerateFiles(d, "*.cs").Any())
            .Select(Path.GetFileName)
            .Where(name => name != "Storage")
            .ToList();
        var named = new Regex($@"GreenCommunity\.Data\.({string.Join('|', others)})\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        // Act
        var uses = Directory.EnumerateFiles(Path.Combine(data, "Storage"), "*.cs")
            .SelectMany(file => named.Matches(File.ReadAllText(file)).Select(m => $"{Path.GetFileName(file)}: {m.Value}"))
            .ToList();

        // Assert
        Assert.Contains("Demo", others);
        Assert.Contains("Reference", others);
        Assert.Empty(uses);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GreenCommunity.Dashboard.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No GreenCommunity.Dashboard.sln above {AppContext.BaseDirectory}.");
    }
}
