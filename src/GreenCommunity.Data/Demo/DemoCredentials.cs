using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Demo;

/// <summary>
/// In demo mode only: one province token and one token per locality, a display token, and one account per
/// role (coordinators for Wuhan and Yichang), written in plain text to demo-credentials.json beside the
/// database (the store keeps only hashes).
/// </summary>
public sealed class DemoCredentials(SqliteConnectionFactory database, ApiTokenStore tokens, UserStore users)
{
    public const string FileName = "demo-credentials.json";

    private static readonly (string User, string Name, string Role, string? Locality)[] s_accounts =
    [
        ("admin", "省住建厅管理员", UserAccount.AdminRole, null),
        ("wuhan", "武汉市住建局联络员", UserAccount.CoordinatorRole, "420100"),
        ("yichang", "宜昌市住建局联络员", UserAccount.CoordinatorRole, "420500"),
        ("leader", "省领导（只读）", UserAccount.ViewerRole, null),
    ];

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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
        var (_, display) = await tokens.IssueAsync("演示：会议室大屏 (demo display)", ApiToken.DisplayScope, ApiToken.DisplayKind, cancellationToken).ConfigureAwait(false);
        var accounts = new List<DemoAccount>();
        foreach (var (user, name, role, locality) in s_accounts)
        {
            var password = UserStore.GeneratePassword();
            await users.CreateAsync(user, name, role, locality, password, cancellationToken).ConfigureAwait(false);
            accounts.Add(new DemoAccount(user, password, role, locality));
        }
        var json = JsonSerializer.Serialize(new { province, localities, display, accounts }, s_json);
        await File.WriteAllTextAsync(FilePath, json, cancellationToken).ConfigureAwait(false);
        return FilePath;
    }

    private sealed record DemoAccount(string User, string Password, string Role, string? Locality);
}
