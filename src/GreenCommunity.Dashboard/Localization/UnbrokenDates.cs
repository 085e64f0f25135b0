using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace GreenCommunity.Dashboard.Localization;

/// <summary>
/// A sentence with its dates kept whole: browsers break a line after a hyphen, and "2026-11-" above "30" reads as
/// another day. Each ISO date (or month) goes in a span that does not wrap (<c>.date</c> in app.css); the rest is encoded.
/// </summary>
public static partial class UnbrokenDates
{
    public static MarkupString Markup(string text) =>
        new(IsoDate().Replace(WebUtility.HtmlEncode(text), "<span class=\"date\">$0</span>"));

    [GeneratedRegex(@"\d{4}-\d{2}(-\d{2})?")]
    private static partial Regex IsoDate();
}
