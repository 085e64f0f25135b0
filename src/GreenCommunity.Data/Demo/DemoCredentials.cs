using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using GreenCommunity.Data.Access;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Demo;

/// <summary>
/// In demo mode only: one province token and one token per locality, a display token, and one account per
/// role (coordinators for Wuhan and Yichang) and one per provincial department (dept-fgw, dept-mz, ...), written in plain text to demo-credentials.json beside the
/// database (the store keeps only hashes).
/// </summary>
public sealed class DemoCredentials(StoreDatabase database, ApiTokenStore tokens, UserStore users)
{
    public const string FileName = "demo-credentials.json";

    private static readonly NewAccount[] s_accounts =
    [
        new("admin", "省住建厅管理员", UserAccount.AdminRole, null, null),
        new("wuhan", "武汉市住建局联络员", UserAccount.CoordinatorRole, "420100", null),
        new("yichang", "宜昌市住建局联络员", UserAccount.CoordinatorRole, "420500", null),
        new("leader", "省领导（只读）", UserAccount.ViewerRole, null, null),
        new("dept-fgw", "省发展改革委联络员", UserAccount.DepartmentRole, null, "fgw"),
        new("dept-mz", "省民政厅联络员", UserAccount.DepartmentRole, null, "mz"),
        new("dept-ga", "省公安厅联络员", UserAccount.DepartmentRole, null, "ga"),
        new("dept-sthj", "省生态环境厅联络员", UserAccount.DepartmentRole, null, "sthj"),
        new("dept-scjg", "省市场监管局联络员", UserAccount.DepartmentRole, null, "scjg"),
    ];

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string FilePath => Path.Combine(database.FilesDirectory, FileName);

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
        // A national store loaded without Hubei has no Wuhan or Yichang: their coordinators are left out.
        foreach (var account in s_accounts.Where(a => a.Locality is null || localities.ContainsKey(a.Locality)))
        {
            var password = UserStore.GeneratePassword();
            await users.CreateAsync(account, password, mustChangePassword: false, cancellationToken).ConfigureAwait(false);
            accounts.Add(new DemoAccount(account.UserName, password, account.Role, account.Locality, account.Department));
        }
        var json = JsonSerializer.Serialize(new { province, localities, display, accounts }, s_json);
        await File.WriteAllTextAsync(FilePath, json, cancellationToken).ConfigureAwait(false);
        return FilePath;
    }

    private sealed record DemoAccount(string User, string Password, string Role, string? Locality, string? Department);
}
