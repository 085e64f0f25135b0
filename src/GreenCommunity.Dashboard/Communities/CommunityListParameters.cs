using System.Globalization;
using System.Text;
using GreenCommunity.Data.Communities;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Dashboard.Communities;

/// <summary>
/// The community list's filter as text: read from a page's address or the API's query string, and written back, with
/// the same names in both (the public contract of issue 12). A bad value is named by its parameter, never guessed.
/// </summary>
public sealed record CommunityListParameters(CommunityListFilter Filter, int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    public const int MaxPage = 1_000_000;
    public const int MaxQueryLength = 100;
    public const int MaxQuietMonths = 1200;
    public const string AnyUnmet = "any";

    /// <summary>The names the address and the API use for the sortable columns.</summary>
    public static IReadOnlyDictionary<string, CommunityListColumn> SortNames { get; } = new Dictionary<string, CommunityListColumn>(StringComparer.Ordinal)
    {
        ["name"] = CommunityListColumn.Name,
        ["county"] = CommunityListColumn.County,
        ["town"] = CommunityListColumn.Town,
        ["stage"] = CommunityListColumn.Stage,
        ["since"] = CommunityListColumn.Since,
        ["criteriaMet"] = CommunityListColumn.CriteriaMet,
        ["lastReport"] = CommunityListColumn.LastReport,
    };

    public static CommunityListParameters Default { get; } = new(new CommunityListFilter(), 1, DefaultPageSize);

    /// <summary>
    /// Reads the parameters; <paramref name="value"/> gives a parameter's text or null. Returns the problems by parameter
    /// name (empty when all is well). The page's locality comes from its route, so <c>locality</c> is read only when asked.
    /// </summary>
    public static CommunityListParameters Parse(Func<string, string?> value, bool readLocality, out Dictionary<string, string[]> errors)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Problem(string name, string message) => problems[name] = [message];

        string? locality = null;
        if (readLocality && Present(value("locality")) is { } localityText)
        {
            if (RegionCodes.IsRegionCode(localityText))
            {
                locality = localityText;
            }
            else
            {
                Problem("locality", "A prefecture-level code of six digits, e.g. 420100.");
            }
        }
        var county = Present(value("county"));
        if (county is not null && !RegionCodes.IsRegionCode(county))
        {
            Problem("county", "A county-level code of six digits, e.g. 420102.");
            county = null;
        }
        var town = Present(value("town"));
        if (town is not null && (town.Length != 9 || !town.All(char.IsAsciiDigit)))
        {
            Problem("town", "A town (subdistrict) code of nine digits, e.g. 420102002.");
            town = null;
        }
        var stages = new List<Stage>();
        foreach (var name in Items(value("stage")))
        {
            if (StageNames.TryParseApiName(name, out var stage))
            {
                stages.Add(stage);
            }
            else
            {
                Problem("stage", "One or more of not_started, pilot, in_progress, accepted, separated by commas.");
            }
        }
        // true: ever a pilot; false: never one; absent (or not understood): both.
        var pilot = false;
        var pilotGiven = Present(value("pilot")) is { } pilotText && bool.TryParse(pilotText, out pilot);
        if (!pilotGiven && Present(value("pilot")) is not null)
        {
            Problem("pilot", "true or false.");
        }
        // The same for demonstration bases: true, only current bases; false, only communities that are none; absent, both.
        var demonstration = false;
        var demonstrationGiven = Present(value("demonstration")) is { } demonstrationText && bool.TryParse(demonstrationText, out demonstration);
        if (!demonstrationGiven && Present(value("demonstration")) is not null)
        {
            Problem("demonstration", "true or false.");
        }
        var unmet = new List<int>();
        var anyUnmet = false;
        foreach (var item in Items(value("unmet")))
        {
            if (item == AnyUnmet)
            {
                anyUnmet = true;
            }
            else if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= GreenCommunityStandard.CriterionCount)
            {
                unmet.Add(number);
            }
            else
            {
                Problem("unmet", "Criterion numbers 1 to 16 separated by commas, or any.");
            }
        }
        double? c12Below = null;
        if (Present(value("c12Below")) is { } c12Text)
        {
            if (TryReadShare(c12Text, out var share))
            {
                c12Below = share;
            }
            else
            {
                Problem("c12Below", "A share from 0 to 1 (0.3) or a percentage (30%).");
            }
        }
        int? quietMonths = null;
        if (Present(value("quietMonths")) is { } quietText)
        {
            if (int.TryParse(quietText, NumberStyles.None, CultureInfo.InvariantCulture, out var months) && months is >= 1 and <= MaxQuietMonths)
            {
                quietMonths = months;
            }
            else
            {
                Problem("quietMonths", $"A whole number of months from 1 to {MaxQuietMonths}.");
            }
        }
        var query = Present(value("q"));
        if (query is { Length: > MaxQueryLength } || (query is not null && query.Any(char.IsControl)))
        {
            Problem("q", $"Part of a name or the start of a code, at most {MaxQueryLength} characters.");
            query = null;
        }
        var sort = CommunityListSort.Default;
        if (Present(value("sort")) is { } sortText)
        {
            var descending = sortText.StartsWith('-');
            if (SortNames.TryGetValue(descending ? sortText[1..] : sortText, out var column))
            {
                sort = new CommunityListSort(column, descending);
            }
            else
            {
                Problem("sort", "One of name, county, town, stage, since, criteriaMet, lastReport; a leading - for descending.");
            }
        }
        var page = ReadWhole(value("page"), "page", 1, 1, MaxPage, Problem);
        var pageSize = ReadWhole(value("pageSize"), "pageSize", DefaultPageSize, 1, MaxPageSize, Problem);

        errors = problems;
        var filter = new CommunityListFilter
        {
            Locality = locality,
            County = county,
            Town = town,
            Stages = stages.Distinct().Order().ToList(),
            EverPilot = pilotGiven && pilot,
            NeverPilot = pilotGiven && !pilot,
            Demonstration = demonstrationGiven ? demonstration : null,
            Unmet = unmet.Distinct().Order().ToList(),
            AnyUnmet = anyUnmet,
            C12Below = c12Below,
            QuietMonths = quietMonths,
            Query = query,
            Sort = sort,
        };
        return new CommunityListParameters(filter, page, pageSize);
    }

    /// <summary>The query string (without <c>?</c>) that reads back as these parameters; defaults left out, <c>locality</c> only when asked.</summary>
    public string ToQuery(bool withLocality = false, bool withPaging = true)
    {
        var parts = new List<(string Name, string Value)>();
        var f = Filter;
        if (withLocality && f.Locality is { } locality)
        {
            parts.Add(("locality", locality));
        }
        Add("county", f.County);
        Add("town", f.Town);
        if (f.Stages.Count > 0)
        {
            parts.Add(("stage", string.Join(',', f.Stages.Select(s => s.ToApiName()))));
        }
        if (f.EverPilot)
        {
            parts.Add(("pilot", "true"));
        }
        else if (f.NeverPilot)
        {
            parts.Add(("pilot", "false"));
        }
        if (f.Demonstration is { } demonstration)
        {
            parts.Add(("demonstration", demonstration ? "true" : "false"));
        }
        if (f.AnyUnmet || f.Unmet.Count > 0)
        {
            parts.Add(("unmet", string.Join(',', (f.AnyUnmet ? [AnyUnmet] : Array.Empty<string>()).Concat(f.Unmet.Select(n => n.ToString(CultureInfo.InvariantCulture))))));
        }
        Add("c12Below", f.C12Below?.ToString(CultureInfo.InvariantCulture));
        Add("quietMonths", f.QuietMonths?.ToString(CultureInfo.InvariantCulture));
        Add("q", f.Query);
        if (f.Sort != CommunityListSort.Default)
        {
            parts.Add(("sort", (f.Sort.Descending ? "-" : "") + SortNames.First(s => s.Value == f.Sort.Column).Key));
        }
        if (withPaging && Page != 1)
        {
            parts.Add(("page", Page.ToString(CultureInfo.InvariantCulture)));
        }
        if (withPaging && PageSize != DefaultPageSize)
        {
            parts.Add(("pageSize", PageSize.ToString(CultureInfo.InvariantCulture)));
        }
        var text = new StringBuilder();
        foreach (var (name, value) in parts)
        {
            text.Append(text.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
        return text.ToString();

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add((name, value));
            }
        }
    }

    private static string? Present(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static IEnumerable<string> Items(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>0.3 or 30%: a share from 0 to 1.</summary>
    private static bool TryReadShare(string text, out double share)
    {
        var percent = text.EndsWith('%');
        var number = percent ? text[..^1].Trim() : text;
        if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out share))
        {
            share = percent ? share / 100 : share;
            return share is >= 0 and <= 1;
        }
        return false;
    }

    private static int ReadWhole(string? text, string name, int fallback, int min, int max, Action<string, string> problem)
    {
        if (Present(text) is not { } present)
        {
            return fallback;
        }
        if (int.TryParse(present, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }
        problem(name, $"A whole number from {min} to {max}.");
        return fallback;
    }
}
