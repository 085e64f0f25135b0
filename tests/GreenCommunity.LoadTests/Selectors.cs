namespace GreenCommunity.LoadTests;

/// <summary>Every selector and path the tool relies on, in one place: change them here if the pages change.</summary>
internal static class Selectors
{
    /// <summary>The overview page.</summary>
    public const string OverviewPath = "/";

    /// <summary>The overview once its circuit is up (the prerendered page says "false").</summary>
    public const string OverviewInteractive = ".overview[data-interactive='true']";

    /// <summary>A live feed item; its report id is in <see cref="FeedReportIdAttribute"/>.</summary>
    public const string FeedItem = ".feed-item[data-report-id]";

    public const string FeedReportIdAttribute = "data-report-id";

    /// <summary>The started figure (not used for timing: the feed item carries the report id).</summary>
    public const string StartedValue = "[data-testid='started-value']";

    /// <summary>A meeting-room screen's link: the display token follows; it signs in and lands on the display page.</summary>
    public const string DisplayTokenPathPrefix = "/display/";

    /// <summary>The display page's root (its text is hashed to tell whether the screen still changes).</summary>
    public const string DisplayScreen = "[data-testid='display-screen']";

    /// <summary>The display page once its circuit is up (the prerendered page says "false").</summary>
    public const string DisplayInteractive = "[data-testid='display-screen'][data-interactive='true']";

    /// <summary>The display root's attribute naming the panel it shows (nodes differ by panel).</summary>
    public const string DisplayPanelAttribute = "data-panel";

    /// <summary>The display page's query parameter for the seconds a panel stays before the next.</summary>
    public const string DisplayRotateQuery = "rotate";

    public const string SignInPath = "/account/login";

    /// <summary>Sign-in form labels and button (Chinese by default).</summary>
    public const string UserLabel = "用户名";

    public const string PasswordLabel = "密码";

    public const string SignInButton = "登录";

    /// <summary>The viewer account used for every page.</summary>
    public const string ViewerAccount = "leader";

    public const string ReportsApi = "/api/v1/reports";

    public const string HubPath = "/hubs/progress";

    public const string ReportReceivedEvent = "reportReceived";

    public const string SummaryChangedEvent = "summaryChanged";

    /// <summary>The Blazor template's counter page (baseline 2).</summary>
    public const string CounterPath = "/counter";

    public const string CounterStatus = "p[role='status']";

    public const string CounterButton = "button.btn-primary";

    /// <summary>The bare hub's trigger (baseline 1).</summary>
    public const string BareBroadcastPath = "/broadcast";
}
