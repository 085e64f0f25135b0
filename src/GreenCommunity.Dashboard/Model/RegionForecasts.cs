using GreenCommunity.Dashboard.LiveView;
using GreenCommunity.Domain.Progress;
using GreenCommunity.Domain.Regions;

namespace GreenCommunity.Dashboard.Model;

/// <summary>The forecast of a region and of each of its children (the province's localities), keyed by code.</summary>
public static class RegionForecasts
{
    /// <summary>Computed once per snapshot (and the snapshot three months before) for every page.</summary>
    public static IReadOnlyDictionary<string, PaceForecast> Of(ProgressSnapshot snapshot, ProgressSnapshot quarterAgo, RegionProgress parent)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(quarterAgo);
        ArgumentNullException.ThrowIfNull(parent);
        return snapshot.Derived(("forecasts", parent.Region.Code, quarterAgo), s => Build(s, quarterAgo.Province, parent));
    }

    private static Dictionary<string, PaceForecast> Build(ProgressSnapshot snapshot, RegionProgress before, RegionProgress parent)
    {
        var forecasts = parent.Children.Prepend(parent).ToDictionary(
            r => r.Region.Code,
            r => PaceForecast.Of(snapshot.Campaign, snapshot.Day, r.Figures, before.Find(r.Region.Code)?.Figures ?? ProgressFigures.Empty,
                countyLevel: r.Region.Level == RegionLevel.County),
            StringComparer.Ordinal);
        // The province (or the country) meets a milestone only when each locality (province) does (各地).
        if (parent.Region.Level <= RegionLevel.Province)
        {
            forecasts[parent.Region.Code] = PaceForecast.ForProvince(forecasts[parent.Region.Code], parent.Children.Select(c => forecasts[c.Region.Code]));
        }
        return forecasts;
    }
}
