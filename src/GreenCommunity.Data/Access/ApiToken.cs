namespace GreenCommunity.Data.Access;

/// <summary>
/// A known token: an API token (scope "province" or a locality code) or a display token for a meeting-room
/// screen (read-only, scope "display"). The secret itself is not kept.
/// </summary>
public sealed record ApiToken(long Id, string Name, string Scope, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, string Kind = ApiToken.ApiKind)
{
    public const string ProvinceScope = "province";
    public const string DisplayScope = "display";
    public const string ApiKind = "api";
    public const string DisplayKind = "display";

    public bool IsDisplay => Kind == DisplayKind;

    public bool IsProvince => Scope == ProvinceScope;

    public string Client => IsDisplay ? $"display:{Id}" : $"token:{Id}";
}
