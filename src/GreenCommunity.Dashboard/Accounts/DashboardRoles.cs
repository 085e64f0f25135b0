using GreenCommunity.Data.Access;

namespace GreenCommunity.Dashboard.Accounts;

/// <summary>Who may do what. Accounts have the first four roles; a display token signs in as "display".</summary>
public static class DashboardRoles
{
    public const string Admin = UserAccount.AdminRole;
    public const string Coordinator = UserAccount.CoordinatorRole;
    public const string Viewer = UserAccount.ViewerRole;

    /// <summary>A provincial department (省直部门): reads like a viewer, and sends its own annual report and plan.</summary>
    public const string Department = UserAccount.DepartmentRole;
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

    /// <summary>
    /// Any session, even one whose password an administrator set and must be changed first: signing out, the denied page.
    /// Every other policy (and the fallback) also wants a password of the user's own choosing.
    /// </summary>
    public const string Session = "Session";

    /// <summary>A person's own account (not a display screen), before or after its password is changed: the password page.</summary>
    public const string Account = "Account";
}

public static class DashboardClaims
{
    public const string Locality = "gc:locality";

    /// <summary>A department account's department code ('fgw').</summary>
    public const string Department = "gc:department";
    public const string SecurityStamp = "gc:stamp";
    public const string UserId = "gc:user";
    public const string DisplayTokenId = "gc:display";

    /// <summary>Present (value "1") while the account's password was set by an administrator and must be changed.</summary>
    public const string MustChangePassword = "gc:must-change";
}
