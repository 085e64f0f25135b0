using GreenCommunity.Data.Communities;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Dashboard.Model;

/// <summary>
/// A locality's communities with where each stands today, read once per page and locality: the submit form's picker
/// searches them in memory (no query per keystroke) and resolves what was typed against them.
/// </summary>
public sealed class CommunityDirectory
{
    /// <summary>Options listed at once: enough to pick from, few enough to read on a phone.</summary>
    public const int MaxOptions = 20;

    private readonly Dictionary<string, CommunitySearchResult> _byCode;
    private readonly Dictionary<string, CommunitySearchResult> _byText;
    private readonly CommunityQueries? _queries;

    private CommunityDirectory(string locality, IReadOnlyList<CommunitySearchResult> communities, CommunityQueries? queries)
    {
        Locality = locality;
        Communities = communities;
        _queries = queries;
        _byCode = communities.ToDictionary(c => c.Code, StringComparer.Ordinal);
        _byText = communities.ToDictionary(c => c.ToString(), StringComparer.Ordinal);
    }

    /// <summary>No locality chosen yet: nothing to offer, nothing resolves.</summary>
    public static CommunityDirectory Empty { get; } = new("", [], null);

    public string Locality { get; }

    public IReadOnlyList<CommunitySearchResult> Communities { get; }

    public static async Task<CommunityDirectory> LoadAsync(CommunityQueries queries, string? locality, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(locality) ? Empty : new(locality, await queries.ListWithStagesAsync(locality, cancellationToken), queries);

    /// <summary>The community an option's text (or a code) names, if it is one of this locality's.</summary>
    public CommunitySearchResult? Find(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        return _byText.GetValueOrDefault(trimmed) ?? _byCode.GetValueOrDefault(trimmed);
    }

    /// <summary>The first communities whose name or town holds the text, or whose code starts with it (as the search query did).</summary>
    public IEnumerable<CommunitySearchResult> Search(string? text)
    {
        var term = text?.Trim() ?? "";
        if (Find(term) is { } exact)
        {
            return [exact];   // an option already picked lists itself, not every community
        }
        return Communities.Where(c => term.Length == 0
                || c.Name.Contains(term, StringComparison.Ordinal)
                || c.Town.Contains(term, StringComparison.Ordinal)
                || c.Code.StartsWith(term, StringComparison.Ordinal))
            .Take(MaxOptions);
    }

    /// <summary>
    /// What the text in a row's community field names: one of this locality's communities (by option text, code or a
    /// name no other of its communities has), or why not. Only a whole community code not in this locality is looked up.
    /// </summary>
    public async Task<CommunityEntry> ResolveAsync(string? text, CancellationToken cancellationToken)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return CommunityEntry.Blank;
        }
        if (Find(trimmed) is { } community)
        {
            return CommunityEntry.Of(community);
        }
        var named = Communities.Where(c => string.Equals(c.Name, trimmed, StringComparison.Ordinal)).Take(2).ToList();
        if (named.Count == 1)
        {
            return CommunityEntry.Of(named[0]);
        }
        if (!RegionCodes.IsCommunityCode(trimmed) || _queries is null)
        {
            return new CommunityEntry(trimmed, Search(trimmed).Any() ? CommunityEntryStatus.Incomplete : CommunityEntryStatus.NoMatch);
        }
        var locality = await _queries.LocalityOfAsync(trimmed, cancellationToken);
        return locality is null
            ? new CommunityEntry(trimmed, CommunityEntryStatus.UnknownCode)
            : new CommunityEntry(trimmed, CommunityEntryStatus.Elsewhere, OtherLocality: locality);
    }
}

public enum CommunityEntryStatus
{
    /// <summary>Nothing typed.</summary>
    Blank,

    /// <summary>One of the locality's communities.</summary>
    Found,

    /// <summary>Part of some communities' names, towns or codes (still being typed, or not yet picked from the list).</summary>
    Incomplete,

    /// <summary>Text that is in none of the locality's communities' names, towns or codes.</summary>
    NoMatch,

    /// <summary>A community code no community has.</summary>
    UnknownCode,

    /// <summary>The code of another locality's community.</summary>
    Elsewhere,
}

/// <summary>What a row's community field holds: the text as typed (kept, whatever it names) and what it names.</summary>
public sealed record CommunityEntry(string Text, CommunityEntryStatus Status, CommunitySearchResult? Community = null, string? OtherLocality = null)
{
    public static CommunityEntry Blank { get; } = new("", CommunityEntryStatus.Blank);

    /// <summary>Typed but naming none of the locality's communities: the field says why.</summary>
    public bool IsUnresolved => Status is CommunityEntryStatus.Incomplete or CommunityEntryStatus.NoMatch or CommunityEntryStatus.UnknownCode or CommunityEntryStatus.Elsewhere;

    public static CommunityEntry Of(CommunitySearchResult community) => new(community.ToString(), CommunityEntryStatus.Found, community);
}
