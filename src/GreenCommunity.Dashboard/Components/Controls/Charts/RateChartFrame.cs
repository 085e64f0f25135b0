namespace GreenCommunity.Dashboard.Components.Controls.Charts;

/// <summary>A text label's anchor in SVG terms: where the label sits against its x position.</summary>
public enum LabelAnchor
{
    Start,
    Middle,
    End,
}

/// <summary>
/// One drawing size of the rate chart (SVG user units). The chart is drawn twice, wide and narrow, and the card shows the
/// one that fits its width: SVG text scales with the drawing, so a 640-unit drawing on a 330-pixel phone would print
/// its labels at 6 pixels; the narrow one keeps them at about 12.
/// </summary>
public sealed record RateChartFrame(string Variant, double Width, double Height, double Left, double FontSize)
{
    public const double Right = 16, Top = 12, Bottom = 36;

    public static RateChartFrame Wide { get; } = new("wide", 640, 300, 48, 12);

    public static RateChartFrame Narrow { get; } = new("narrow", 360, 280, 44, 13);

    /// <summary>Month steps that keep the labels on quarters, half years and years.</summary>
    private static readonly int[] s_steps = [1, 2, 3, 6, 12, 24, 36, 60];

    public double PlotWidth => Width - Left - Right;

    public double PlotHeight => Height - Top - Bottom;

    public double X(int index, int count) => Left + (count <= 1 ? PlotWidth : PlotWidth * index / (count - 1));

    public double Y(double share) => Top + PlotHeight * (1 - Math.Clamp(share, 0, 1));

    /// <summary>
    /// Which of <paramref name="count"/> month labels ("2026-11", <paramref name="labelChars"/> characters) to print so
    /// that no two boxes touch: the last always, the first and every n-th month after it, n the smallest step whose
    /// labels keep a gap; one that would come too close to the last is left out.
    /// </summary>
    public IReadOnlyList<(int Index, LabelAnchor Anchor)> XLabels(int count, int labelChars)
    {
        if (count == 0)
        {
            return [];
        }
        if (count == 1)
        {
            return [(0, LabelAnchor.End)];
        }
        // Digits and hyphens are at most 0.6 em wide in the fonts the theme names; labels keep two such characters apart.
        var labelWidth = labelChars * 0.6 * FontSize;
        var gap = 1.2 * FontSize;
        var spacing = PlotWidth / (count - 1);
        var step = s_steps.FirstOrDefault(s => s * spacing >= labelWidth + gap, count);
        var labels = new List<(int Index, LabelAnchor Anchor)>();
        var lastBox = Box(count - 1, count, LabelAnchor.End, labelWidth);
        var previousRight = double.NegativeInfinity;
        for (var i = 0; i < count - 1; i += step)
        {
            // Centred under its month, but the first kept inside the drawing.
            var anchor = Box(i, count, LabelAnchor.Middle, labelWidth).Left >= 0 ? LabelAnchor.Middle : LabelAnchor.Start;
            var box = Box(i, count, anchor, labelWidth);
            if (box.Left >= previousRight + gap && box.Right + gap <= lastBox.Left)
            {
                labels.Add((i, anchor));
                previousRight = box.Right;
            }
        }
        labels.Add((count - 1, LabelAnchor.End));
        return labels;
    }

    /// <summary>A label's left and right edges in user units.</summary>
    public (double Left, double Right) Box(int index, int count, LabelAnchor anchor, double labelWidth)
    {
        var x = X(index, count);
        return anchor switch
        {
            LabelAnchor.Start => (x, x + labelWidth),
            LabelAnchor.Middle => (x - (labelWidth / 2), x + (labelWidth / 2)),
            _ => (x - labelWidth, x),
        };
    }
}
