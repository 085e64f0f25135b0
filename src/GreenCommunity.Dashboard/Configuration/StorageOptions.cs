using System.ComponentModel.DataAnnotations;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Dashboard.Configuration;

/// <summary>
/// Where the dashboard keeps its data (section "Storage"; env Storage__Provider, Storage__DataDirectory): the embedded
/// SQLite file in the data directory, or PostgreSQL at <c>ConnectionStrings:Postgres</c> (the data directory then holds
/// only side files such as the demo credentials).
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The name of the PostgreSQL connection string (<c>ConnectionStrings:Postgres</c>).</summary>
    public const string PostgresConnectionName = "Postgres";

    /// <summary><c>Sqlite</c> (the default) or <c>Postgres</c>.</summary>
    public StoreEngine Provider { get; set; } = StoreEngine.Sqlite;

    /// <summary>Filled from <c>ConnectionStrings:Postgres</c>, not from this section.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Relative paths are taken from the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);
}
