namespace GreenCommunity.Data.Access;

/// <summary>A known API token: its id, name, scope ("province" or a locality code) and state. The secret is not kept.</summary>
public sealed record ApiToken(long Id, string Name, string Scope, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public const string ProvinceScope = "province";

    public bool IsProvince => Scope == ProvinceScope;

    public string Client => $"token:{Id}";
}
