using Microsoft.AspNetCore.Components;

namespace GreenCommunity.Dashboard.Components.Controls.Charts;

/// <summary>
/// A click on a heat-map cell: which region and criterion. The heat map is shared markup (one string for every page,
/// not 272 buttons with a handler each), so one handler on its container hears every cell; the browser side
/// (<c>GreenCommunity.Dashboard.lib.module.js</c>) reads the clicked cell's data attributes. Empty when the click
/// was not on a cell.
/// </summary>
public sealed class HeatCellEventArgs : EventArgs
{
    public string? Region { get; set; }

    public int Criterion { get; set; }
}

/// <summary>Declares <c>@onheatcellclick</c> for Razor.</summary>
[EventHandler("onheatcellclick", typeof(HeatCellEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers;
