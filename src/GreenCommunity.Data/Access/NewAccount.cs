namespace GreenCommunity.Data.Access;

/// <summary>An account to create: a coordinator names its locality, a department account its department, other roles neither.</summary>
public sealed record NewAccount(string UserName, string DisplayName, string Role, string? Locality, string? Department);
