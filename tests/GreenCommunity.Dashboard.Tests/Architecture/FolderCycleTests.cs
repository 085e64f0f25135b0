using System.Text.RegularExpressions;

namespace GreenCommunity.Dashboard.Tests.Architecture;

/// <summary>
/// Each folder is one idea, and ideas depend on each other one way: no folder of a project may reach itself again
/// through the namespaces its sources name (a cycle means two folders are one idea, or a type lives in the wrong one).
/// </summary>
public sealed class FolderCycleTests
{
    [Theory]
    [InlineData("GreenCommunity.Dashboard")]
    [InlineData("GreenCommunity.Data")]
    [InlineData("GreenCommunity.Domain")]
    public void Folders_DependOnEachOtherWithoutCycles(string project)
    {
        // Arrange
        var graph = Dependencies(Path.Combine(RepositoryRoot(), "src", project), project);

        // Act
        var cycles = Cycles(graph).Select(c => string.Join(" → ", c)).ToList();

        // Assert
        Assert.True(graph.Count > 3, $"{project}: too few folders found ({graph.Count}) for the check to mean anything.");
        Assert.Empty(cycles);
    }

    [Fact]
    public void Cycles_FindsATwoFolderCycle()
    {
        var graph = new Dictionary<string, HashSet<string>> { ["Api"] = ["Accounts"], ["Accounts"] = ["Api"], ["Live"] = ["Api"] };

        Assert.Equal(["Accounts → Api → Accounts"], Cycles(graph).Select(c => string.Join(" → ", c)));
    }

    /// <summary>Folder → the project's other folders its .cs and .razor files name as GreenCommunity.Project.Folder.</summary>
    private static Dictionary<string, HashSet<string>> Dependencies(string root, string project)
    {
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj" or "wwwroot")).Cast<string>().ToHashSet();
        var named = new Regex($@"\b{Regex.Escape(project)}\.(\w+)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var graph = folders.ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var sources = Directory.EnumerateFiles(Path.Combine(root, folder), "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal));
            foreach (var source in sources)
            {
                foreach (Match match in named.Matches(File.ReadAllText(source)))
                {
                    var target = match.Groups[1].Value;
                    if (target != folder && folders.Contains(target))
                    {
                        graph[folder].Add(target);
                    }
                }
            }
        }
        return graph;
    }

    /// <summary>One path per cycle, from the cycle's alphabetically first folder (depth-first search on a small graph).</summary>
    private static IEnumerable<List<string>> Cycles(Dictionary<string, HashSet<string>> graph)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            var stack = new Stack<List<string>>([[start]]);
            while (stack.Count > 0)
            {
                var path = stack.Pop();
                foreach (var next in graph.GetValueOrDefault(path[^1]) ?? [])
                {
                    if (next == start)
                    {
                        var cycle = path.Append(start).ToList();
                        if (path.All(f => string.CompareOrdinal(f, start) >= 0) && found.Add(string.Join('>', cycle)))
                        {
                            yield return cycle;
                        }
                    }
                    else if (!path.Contains(next) && string.CompareOrdinal(next, start) > 0)
                    {
                        stack.Push([.. path, next]);
                    }
                }
            }
        }
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
