namespace GreenCommunity.Dashboard.Theme;

/// <summary>A band of the heat map's scale: whole percents from <see cref="From"/> up to the next band's.</summary>
public sealed record HeatBand(int From, int? To, string Color, bool LightText)
{
    /// <summary>"85–90%", "&lt; 60%" or "100%": the band's range as the legend shows it.</summary>
    public string Label => (From, To) switch
    {
        (0, { } to) => $"< {to}%",
        (_, null) => $"{From}%",
        (_, { } to) => $"{From}–{to}%",
    };
}

/// <summary>
/// The heat map's colours: bands of whole percents, fine where the action's shares lie (most cells are 80–100%) and
/// coarse below, so that 84% and 100% never look alike; 100% (every started community meets the criterion) has a band of its own.
/// </summary>
public static class HeatScale
{
    // Yellow to dark green (ColorBrewer YlGn, 7 classes): each band a visibly different step.
    public static IReadOnlyList<HeatBand> Bands { get; } =
    [
        new(0, 60, "#ffffcc", false),
        new(60, 80, "#d9f0a3", false),
        new(80, 85, "#addd8e", false),
        new(85, 90, "#78c679", false),
        new(90, 95, "#41ab5d", false),
        new(95, 100, "#238443", true),
        new(100, null, "#005a32", true),
    ];

    /// <summary>
    /// The share in whole percents, rounded down: a cell never shows 100% unless every community meets the criterion,
    /// and its text and band always agree.
    /// </summary>
    public static int WholePercent(double share) => (int)Math.Floor(Math.Clamp(share, 0, 1) * 100 + 1e-9);

    public static HeatBand For(double share)
    {
        var percent = WholePercent(share);
        return Bands.Last(band => percent >= band.From);
    }
}
