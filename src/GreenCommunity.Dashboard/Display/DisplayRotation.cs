namespace GreenCommunity.Dashboard.Display;

/// <summary>
/// Which panel a screen shows, and which locality the focus panel is on: advanced by the screen's timer, stepped by
/// the arrow keys, held by Space. Without a fixed focus, each showing of the focus panel moves to the next locality.
/// </summary>
public sealed class DisplayRotation(IReadOnlyList<DisplayPanel> panels, IReadOnlyList<string> localities, string? focus)
{
    private int _index;
    private int _focusIndex = focus is null ? 0 : Math.Max(0, IndexOf(localities, focus));

    public IReadOnlyList<DisplayPanel> Panels => panels;

    public int Index => _index;

    public DisplayPanel Current => panels[_index];

    public bool Paused { get; private set; }

    /// <summary>Counts every change of panel, so that the indicator's countdown starts again even on a one-panel screen.</summary>
    public long Turns { get; private set; }

    public string? FocusLocality => localities.Count == 0 ? null : localities[_focusIndex];

    /// <summary>The timer's step: the next panel; ignored while paused.</summary>
    public bool Advance() => !Paused && Step(1);

    /// <summary>
    /// An arrow key: the next or previous panel, paused or not. Leaving the focus panel forwards moves it on to the next
    /// locality; arriving at it backwards moves it back, so that ← after → shows the locality just seen again.
    /// </summary>
    public bool Step(int direction)
    {
        var forward = direction >= 0;
        var cycles = focus is null && localities.Count > 0;
        if (cycles && forward && Current == DisplayPanel.Focus)
        {
            _focusIndex = (_focusIndex + 1) % localities.Count;
        }
        _index = ((_index + (forward ? 1 : -1)) % panels.Count + panels.Count) % panels.Count;
        if (cycles && !forward && Current == DisplayPanel.Focus)
        {
            _focusIndex = (_focusIndex - 1 + localities.Count) % localities.Count;
        }
        Turns++;
        return true;
    }

    public void TogglePause()
    {
        Paused = !Paused;
        Turns++;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }
        return -1;
    }
}
