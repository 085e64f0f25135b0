using System.Globalization;
using System.Text;
using System.Text.Json;
using GreenCommunity.Dashboard.Configuration;
using GreenCommunity.Data.Progress;
using GreenCommunity.Domain.Regions;
using Microsoft.Extensions.Options;

namespace GreenCommunity.Dashboard.Maps;

/// <summary>
/// Reads the boundary files (configuration: a deployment swaps in its approved standard map without a rebuild)
/// and projects them once, on the server, into SVG paths. Equirectangular with the longitude scaled by the cosine
/// of the mid latitude: right for a province-sized choropleth.
/// </summary>
public sealed class MapGeometry(IOptions<AssetsOptions> assets, ProgressReader progress)
{
    public const double Width = 1000;

    // Read and parsed once, on first use; the files do not change while the app runs.
    private readonly Lazy<Task<(IReadOnlyList<Feature> Prefectures, IReadOnlyList<Feature> Counties)>> _boundaries = new(async () =>
        (await ReadAsync(assets.Value.PrefectureMapFullPath, CancellationToken.None), await ReadAsync(assets.Value.CountyMapFullPath, CancellationToken.None)));

    /// <summary>A province's localities (Hubei's 17); a layer without shapes where the boundary files have none of them.</summary>
    public async Task<MapLayer> ProvinceAsync(string province, CancellationToken cancellationToken)
    {
        var (prefectures, _) = await _boundaries.Value.WaitAsync(cancellationToken);
        var regions = await progress.GetRegionsAsync(cancellationToken);
        return Layer(prefectures, regions.Where(r => r.Level == RegionLevel.Prefecture && r.ParentCode == province));
    }

    /// <summary>A locality's county-level units; those without a polygon are listed as unmapped.</summary>
    public async Task<MapLayer> LocalityAsync(string locality, CancellationToken cancellationToken)
    {
        var (_, features) = await _boundaries.Value.WaitAsync(cancellationToken);
        var regions = await progress.GetRegionsAsync(cancellationToken);
        var counties = regions.Where(r => r.Level == RegionLevel.County && r.ParentCode == locality).ToList();
        var codes = counties.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        return Layer(features.Where(f => codes.Contains(f.Code)).ToList(), counties);
    }

    private static MapLayer Layer(IReadOnlyList<Feature> features, IEnumerable<Region> regions)
    {
        var names = regions.ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);
        var shown = features.Where(f => names.ContainsKey(f.Code)).ToList();
        if (shown.Count == 0)
        {
            return new MapLayer(Width, Width * 0.6, [], names.Keys.Order(StringComparer.Ordinal).ToList());
        }
        var points = shown.SelectMany(f => f.Rings.SelectMany(r => r)).ToList();
        var (minLon, maxLon) = (points.Min(p => p.Lon), points.Max(p => p.Lon));
        var (minLat, maxLat) = (points.Min(p => p.Lat), points.Max(p => p.Lat));
        var xScale = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        var scale = Width / ((maxLon - minLon) * xScale);
        var height = (maxLat - minLat) * scale;
        (double X, double Y) Project(double lon, double lat) => ((lon - minLon) * xScale * scale, (maxLat - lat) * scale);

        var shapes = shown.Select(f =>
        {
            var path = new StringBuilder();
            foreach (var ring in f.Rings)
            {
                for (var i = 0; i < ring.Count; i++)
                {
                    var (x, y) = Project(ring[i].Lon, ring[i].Lat);
                    path.Append(i == 0 ? 'M' : 'L').Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("0.#", CultureInfo.InvariantCulture));
                }
                path.Append('Z');
            }
            var (labelX, labelY) = Project(f.Label.Lon, f.Label.Lat);
            return new MapShape(f.Code, names[f.Code], path.ToString(), labelX, labelY);
        }).OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
        var unmapped = names.Keys.Except(shapes.Select(s => s.Code)).Order(StringComparer.Ordinal).ToList();
        return new MapLayer(Width, Math.Ceiling(height), shapes, unmapped);
    }

    private static async Task<IReadOnlyList<Feature>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var features = new List<Feature>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var properties = feature.GetProperty("properties");
            var geometry = feature.GetProperty("geometry");
            var polygons = geometry.GetProperty("type").GetString() == "MultiPolygon"
                ? geometry.GetProperty("coordinates").EnumerateArray().ToList()
                : [geometry.GetProperty("coordinates")];
            var rings = polygons.SelectMany(p => p.EnumerateArray())
                .Select(ring => (IReadOnlyList<(double Lon, double Lat)>)ring.EnumerateArray().Select(Point).ToList())
                .ToList();
            var label = properties.TryGetProperty("label_point", out var l) ? Point(l) : Centre(rings[0]);
            features.Add(new Feature(properties.GetProperty("adcode").GetString()!, rings, label));
        }
        return features;
    }

    private static (double Lon, double Lat) Point(JsonElement p) => (p[0].GetDouble(), p[1].GetDouble());

    private static (double Lon, double Lat) Centre(IReadOnlyList<(double Lon, double Lat)> ring) => (ring.Average(p => p.Lon), ring.Average(p => p.Lat));

    private sealed record Feature(string Code, IReadOnlyList<IReadOnlyList<(double Lon, double Lat)>> Rings, (double Lon, double Lat) Label);
}
