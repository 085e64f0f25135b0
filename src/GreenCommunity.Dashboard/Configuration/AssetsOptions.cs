namespace GreenCommunity.Dashboard.Configuration;

/// <summary>
/// Files read at start-up rather than compiled in (section "Assets"): reference data, boundaries and the
/// campaign definition, so that a deployment can replace them.
/// </summary>
public sealed class AssetsOptions
{
    public const string SectionName = "Assets";

    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");

    /// <summary>The campaign definition; by default Hubei's 2021–2022 campaign.</summary>
    public string? CampaignFile { get; set; }

    /// <summary>Boundaries of the prefecture-level localities (GeoJSON, property adcode); replaceable by an approved standard map.</summary>
    public string? PrefectureMapFile { get; set; }

    /// <summary>Boundaries of the county-level units (GeoJSON, property adcode).</summary>
    public string? CountyMapFile { get; set; }

    public string PrefectureMapFullPath => Path.GetFullPath(PrefectureMapFile ?? Path.Combine(Directory, "maps", "hubei_prefectures.simplified.geojson"));

    public string CountyMapFullPath => Path.GetFullPath(CountyMapFile ?? Path.Combine(Directory, "maps", "hubei_counties.simplified.geojson"));

    public string CampaignFileFullPath => Path.GetFullPath(CampaignFile ?? Path.Combine(Directory, "campaigns", "hubei-2021-2022.json"));
}
