using GreenCommunity.Dashboard.Theme;

namespace GreenCommunity.Dashboard.Maps;

/// <summary>One region's value on the map: the number, how it reads, its colour class, and its tooltip lines.</summary>
public sealed record MapDatum(string Code, string Name, double? Value, string Display, int Bin, IReadOnlyList<string> Tooltip);

public sealed record MapLegendEntry(int Bin, string Label, string Color);

/// <summary>Everything the map component draws: shapes, values per region, and the legend.</summary>
public sealed record MapView(MapLayer Layer, MapMetric Metric, DateOnly AsOf, string Title, IReadOnlyDictionary<string, MapDatum> Data, IReadOnlyList<MapLegendEntry> Legend)
{
    public string ColorOf(string code) => Data.TryGetValue(code, out var datum) ? Legend.First(l => l.Bin == datum.Bin).Color : DashboardColors.NoData;
}
