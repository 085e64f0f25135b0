namespace GreenCommunity.Dashboard.Maps;

/// <summary>A region drawn on a map: its outline as an SVG path and where its label goes, in the layer's coordinates.</summary>
public sealed record MapShape(string Code, string Name, string Path, double LabelX, double LabelY);

/// <summary>A set of shapes fitted into one SVG view box (the province's localities, or one locality's counties).</summary>
/// <param name="Unmapped">Regions of this level that have no polygon (statistical zones), counted in their parent.</param>
public sealed record MapLayer(double Width, double Height, IReadOnlyList<MapShape> Shapes, IReadOnlyList<string> Unmapped)
{
    public string ViewBox => FormattableString.Invariant($"0 0 {Width:0.#} {Height:0.#}");
}
