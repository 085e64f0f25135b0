using GreenCommunity.Dashboard.Localization;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Domain.Reports;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Controls.Submit;

/// <summary>
/// The submit form's messages by problem path, in the page's language: each problem's text, and for a community field
/// whose text names none of the locality's communities, why, naming the localities (shown as soon as the field is left,
/// before any check; the problem's own code is the API's, its text names codes only).
/// </summary>
public static class FormMessages
{
    public static IReadOnlyDictionary<string, string[]> For(ValidationErrors problems, IReadOnlyList<UpdateRow> rows, ReportProblemTexts texts,
        IStringLocalizer<Resources.Submit> loc, Func<string?, string> localityName, string? locality)
    {
        var messages = new Dictionary<string, string[]>(texts.Texts(problems), StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var path = $"updates[{i}].community";
            // Text still being typed is not wrong yet: it is told to pick from the list only when checked or sent.
            if (Reason(rows[i].Entry, loc, localityName, locality) is { } reason && (rows[i].Entry.Status != CommunityEntryStatus.Incomplete || messages.ContainsKey(path)))
            {
                messages[path] = [reason];
            }
        }
        return messages;
    }

    public static string? Reason(CommunityEntry entry, IStringLocalizer<Resources.Submit> loc, Func<string?, string> localityName, string? locality) => entry.Status switch
    {
        CommunityEntryStatus.Incomplete => loc[nameof(Resources.Submit.CommunityIncomplete), entry.Text, localityName(locality)].Value,
        CommunityEntryStatus.NoMatch => loc[nameof(Resources.Submit.CommunityNoMatch), entry.Text, localityName(locality)].Value,
        CommunityEntryStatus.UnknownCode => loc[nameof(Resources.Submit.CommunityUnknownCode), entry.Text].Value,
        CommunityEntryStatus.Elsewhere => loc[nameof(Resources.Submit.CommunityElsewhere), entry.Text, localityName(locality), localityName(entry.OtherLocality)].Value,
        _ => null,
    };
}
