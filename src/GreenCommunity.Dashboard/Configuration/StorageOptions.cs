using System.ComponentModel.DataAnnotations;

namespace GreenCommunity.Dashboard.Configuration;

/// <summary>Where the dashboard keeps its database (section "Storage"; env Storage__DataDirectory).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Relative paths are taken from the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);
}
