using GreenCommunity.Data.Access;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>Who may do what. Accounts have the first three roles; a display token signs in as "display".</summary>
public static class DashboardRoles
{
    public const string Admin = UserAccount.AdminRole;
    public const string Coordinator = UserAccount.CoordinatorRole;
    public const string Viewer = UserAccount.ViewerRole;
    public const string Display = "display";
}

/// <summary>Named policies; pages and services use these names, never role strings.</summary>
public static class DashboardPolicies
{
    /// <summary>Accounts, tokens, the audit log, campaign settings: the province administrator only.</summary>
    public const string Admin = "Admin";

    /// <summary>Submitting reports: the province administrator and locality coordinators.</summary>
    public const string Reporter = "Reporter";

    /// <summary>Working pages beyond the overview: any account, not a display screen.</summary>
    public const string Staff = "Staff";

    /// <summary>The overview and display pages: every signed-in user and display screens.</summary>
    public const string Screen = "Screen";
}

public static class DashboardClaims
{
    public const string Locality = "gc:locality";
    public const string SecurityStamp = "gc:stamp";
    public const string UserId = "gc:user";
    public const string DisplayTokenId = "gc:display";
}
