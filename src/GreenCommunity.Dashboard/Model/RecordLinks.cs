namespace GreenCommunity.Dashboard.Model;

/// <summary>The addresses of a community's page, a report's page and the pages around them, made in one place.</summary>
public static class RecordLinks
{
    /// <summary>A report id is the sender's text (the demo's, or one the store made): escaped as one path segment.</summary>
    public static string Report(string reportId) => $"/reports/{Uri.EscapeDataString(reportId)}";

    public static string Community(string code, ShownDay? day = null) => Link($"/community/{Uri.EscapeDataString(code)}", day);

    public static string Locality(string code, ShownDay? day = null) => Link($"/locality/{Uri.EscapeDataString(code)}", day);

    /// <summary>A locality's communities, narrowed to one county-level unit.</summary>
    public static string CountyCommunities(string locality, string county) =>
        $"/locality/{Uri.EscapeDataString(locality)}/communities?county={Uri.EscapeDataString(county)}";

    private static string Link(string path, ShownDay? day) => day?.Link(path) ?? path;
}
