namespace GreenCommunity.Data.Reference;

/// <summary>
/// The national reference files in one folder (shared/data/china): NBS 2023 division codes of the 31 provinces, their
/// prefecture-level and county-level units, towns and urban communities, via china-division@2.7.0.
/// </summary>
public sealed record NationalDataFiles(string Directory)
{
    /// <summary>code (two digits), name.</summary>
    public string Provinces => Path.Combine(Directory, "provinces.csv");

    /// <summary>code (four digits), name, provinceCode: the prefecture-level units.</summary>
    public string Prefectures => Path.Combine(Directory, "cities.csv");

    /// <summary>code (six digits), name, cityCode, provinceCode: the county-level units.</summary>
    public string Counties => Path.Combine(Directory, "areas.csv");

    /// <summary>code (nine digits), name, areaCode, provinceCode, cityCode: towns and subdistricts.</summary>
    public string Towns => Path.Combine(Directory, "streets.csv.gz");

    /// <summary>code (twelve digits), name, town_code, province_code, prefecture_code, county_code: the residents' committees.</summary>
    public string Communities => Path.Combine(Directory, "communities.csv.gz");

    public IReadOnlyList<string> All => [Provinces, Prefectures, Counties, Towns, Communities];

    /// <summary>Throws, naming what is missing, unless the folder and every file are there.</summary>
    public void RequireAll()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            throw new DirectoryNotFoundException($"The national reference data folder {Directory} does not exist; it must hold {string.Join(", ", All.Select(Path.GetFileName))}.");
        }
        var missing = All.Where(f => !File.Exists(f)).Select(Path.GetFileName).ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException($"The national reference data folder {Directory} lacks {string.Join(", ", missing)}.", Path.Combine(Directory, missing[0]!));
        }
    }
}
