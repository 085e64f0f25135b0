using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Demo;

/// <summary>
/// In demo mode only: one province token and one token per locality, written in plain text to
/// demo-credentials.json beside the database (the store keeps only their hashes).
/// </summary>
public sealed class DemoCredentials(SqliteConnectionFactory database, ApiTokenStore tokens)
{
    public const string FileName = "demo-credentials.json";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string FilePath => Path.Combine(Path.GetDirectoryName(database.DatabasePath)!, FileName);

    public async Task<string> CreateAsync(CancellationToken cancellationToken)
    {
        var (_, province) = await tokens.IssueAsync("演示：省住建厅 (demo province)", ApiToken.ProvinceScope, cancellationToken).ConfigureAwait(false);
        var localities = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            var rows = await connection.QueryAsync<(string Code, string Name)>(new CommandDefinition(
                "SELECT code, name FROM regions WHERE level = 2 ORDER BY code", cancellationToken: cancellationToken)).ConfigureAwait(false);
            foreach (var (code, name) in rows)
            {
                var (_, secret) = await tokens.IssueAsync($"演示：{name} (demo)", code, cancellationToken).ConfigureAwait(false);
                localities[code] = secret;
            }
        }
        var json = JsonSerializer.Serialize(new { province, localities }, s_json);
        await File.WriteAllTextAsync(FilePath, json, cancellationToken).ConfigureAwait(false);
        return FilePath;
    }
}
