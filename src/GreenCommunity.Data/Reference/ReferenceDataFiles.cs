namespace GreenCommunity.Data.Reference;

/// <summary>Where the reference files live inside the assets folder (wwwroot-assets/).</summary>
public sealed record ReferenceDataFiles(string AssetsDirectory)
{
    public string Divisions => Path.Combine(AssetsDirectory, "reference", "hubei_divisions.json");

    public string Communities => Path.Combine(AssetsDirectory, "reference", "hubei_communities.csv");

    public string EnglishNames => Path.Combine(AssetsDirectory, "reference", "hubei_prefecture_names_en.csv");
}
