namespace GreenCommunity.Dashboard.Configuration;

/// <summary>Which reference data a new store is filled from.</summary>
public enum ReferenceScope
{
    /// <summary>Hubei's divisions and communities with English names (reference/hubei_*), the default.</summary>
    Hubei,

    /// <summary>The whole country's divisions and communities (reference/china), optionally some provinces only.</summary>
    China,
}

/// <summary>
/// Files read at start-up rather than compiled in (section "Assets"): reference data, boundaries and the
/// campaign definition, so that a deployment can replace them.
/// </summary>
public sealed class AssetsOptions
{
    public const string SectionName = "Assets";

    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");

    /// <summary><c>Hubei</c> (default) or <c>China</c>: the reference data a new, empty store is loaded with.</summary>
    public ReferenceScope Scope { get; set; } = ReferenceScope.Hubei;

    /// <summary>With <see cref="Scope"/> China, the folder of the national files (provinces.csv, cities.csv, areas.csv, streets.csv.gz, communities.csv.gz).</summary>
    public string? NationalDataDirectory { get; set; }

    /// <summary>With <see cref="Scope"/> China, the two-digit codes of the provinces to load, comma-separated ("11,42"); empty: all 31.</summary>
    public string? Provinces { get; set; }

    /// <summary>The campaign definition; by default Hubei's 2021–2022 campaign, or the national one with <see cref="Scope"/> China.</summary>
    public string? CampaignFile { get; set; }

    /// <summary>Boundaries of the prefecture-level localities (GeoJSON, property adcode); replaceable by an approved standard map.</summary>
    public string? PrefectureMapFile { get; set; }

    /// <summary>Boundaries of the county-level units (GeoJSON, property adcode).</summary>
    public string? CountyMapFile { get; set; }

    public string PrefectureMapFullPath => Path.GetFullPath(PrefectureMapFile ?? Path.Combine(Directory, "maps", "hubei_prefectures.simplified.geojson"));

    public string CountyMapFullPath => Path.GetFullPath(CountyMapFile ?? Path.Combine(Directory, "maps", "hubei_counties.simplified.geojson"));

    public string CampaignFileFullPath => Path.GetFullPath(CampaignFile ?? Path.Combine(Directory, "campaigns",
        Scope == ReferenceScope.China ? "china-2021-2022.json" : "hubei-2021-2022.json"));

    public string NationalDataFullPath => Path.GetFullPath(NationalDataDirectory ?? Path.Combine(Directory, "reference", "china"));

    /// <summary>The provinces to load, as two-digit codes; empty for all.</summary>
    public IReadOnlyList<string> ProvinceCodes =>
        (Provinces ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
