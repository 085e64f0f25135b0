using GreenCommunity.Dashboard.Configuration;

namespace GreenCommunity.Dashboard.Storage;

/// <summary>
/// The store must hold the provinces that <c>Assets:Scope</c> and <c>Assets:Provinces</c> say this deployment shows: a
/// store loaded for Hubei read as the country would call one province 全国 (nationwide), and a national store read as
/// Hubei would add the country into one province's figures. Checked at start once the store is up to date (an existing
/// store is never loaded again); a mismatch stops the start with a message naming the settings.
/// </summary>
public static class StoreScopeCheck
{
    /// <summary>What is wrong, or null; <paramref name="provincesInStore"/> are the codes of the store's provinces (the country above them is never stored).</summary>
    public static string? Problem(AssetsOptions assets, IReadOnlyCollection<string> provincesInStore)
    {
        var found = provincesInStore.Select(c => c[..Math.Min(2, c.Length)]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (found.Count == 0)
        {
            return null;   // no reference data: nothing to show yet, and nothing shown wrongly
        }
        var holds = found.Count == 1 ? $"the store holds one province ({found[0]})" : $"the store holds {found.Count} provinces ({Shorten(found)})";
        if (assets.Scope != ReferenceScope.China)
        {
            return found.Count == 1 ? null
                : $"Assets:Scope is Hubei (one province) but {holds}: start with Assets:Scope=China, or point the store settings at a Hubei store.";
        }
        var wanted = assets.ProvinceCodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return found.Count > 1 ? null
                : $"Assets:Scope is China with all provinces (Assets:Provinces empty) but {holds}: set Assets:Provinces={found[0]}, start with Assets:Scope=Hubei for Hubei's store, or point the store settings at a national store.";
        }
        return wanted.SequenceEqual(found, StringComparer.Ordinal) ? null
            : $"Assets:Provinces is {string.Join(",", wanted)} but {holds}: set Assets:Provinces={string.Join(",", found)}, or point the store settings at a store loaded with those provinces.";
    }

    private static string Shorten(List<string> codes) => codes.Count <= 8 ? string.Join(",", codes) : $"{string.Join(",", codes.Take(8))}, …";
}
