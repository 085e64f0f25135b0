using System.IO.Compression;
using Dapper;
using GreenCommunity.Data.Storage;
using Microsoft.Data.Sqlite;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// Loads China's divisions and its 124,649 urban communities (../shared/data/china: provinces, cities, areas, streets,
/// communities) into a store that has its schema but no reference data, with the codes the store uses (six digits for
/// provinces, prefectures and counties; nine for towns; twelve for communities). Benchmark-only: the product loads Hubei.
/// </summary>
internal static class NationalDataLoader
{
    private static readonly string[] s_columns = ["$code", "$name", "$county", "$locality", "$town", "$townName"];

    public static async Task<int> LoadAsync(SqliteStore database, string directory, CancellationToken cancellationToken)
    {
        var regions = new List<(string Code, int Level, string Name, string? Parent)>();
        foreach (var row in Read(Path.Combine(directory, "provinces.csv")))
        {
            regions.Add((row[0] + "0000", 1, row[1], null));
        }
        foreach (var row in Read(Path.Combine(directory, "cities.csv")))
        {
            regions.Add((row[0] + "00", 2, row[1], row[2] + "0000"));
        }
        foreach (var row in Read(Path.Combine(directory, "areas.csv")))
        {
            regions.Add((row[0], 3, row[1], row[2] + "00"));
        }
        var towns = Read(Path.Combine(directory, "streets.csv.gz")).ToDictionary(r => r[0], r => r[1], StringComparer.Ordinal);

        await using var connection = (SqliteConnection)await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT OR IGNORE INTO regions (code, level, name, name_en, parent_code) VALUES (@Code, @Level, @Name, @Name, @Parent)",
            regions.Select(r => new { r.Code, r.Level, r.Name, r.Parent }), transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

        // One prepared statement reused for every row: Dapper would re-bind 124,649 anonymous objects.
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO communities (code, name, county_code, locality_code, town_code, town_name) VALUES ($code, $name, $county, $locality, $town, $townName)";
        var parameters = s_columns.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
        var count = 0;
        foreach (var row in Read(Path.Combine(directory, "communities.csv.gz")))
        {
            // code,name,town_code,province_code,prefecture_code,county_code
            string[] values = [row[0], row[1], row[5], row[4] + "00", row[2], towns.GetValueOrDefault(row[2], row[2])];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i];
            }
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            count++;
        }
        await connection.ExecuteAsync(new CommandDefinition("INSERT INTO community_state (community_code) SELECT code FROM communities",
            transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>The rows of a small CSV file (plain or gzip) without its header; its names hold no comma, some are quoted.</summary>
    private static List<string[]> Read(string path)
    {
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                rows.Add(line.Split(',').Select(f => f.Trim('"')).ToArray());
            }
        }
        return rows;
    }
}
