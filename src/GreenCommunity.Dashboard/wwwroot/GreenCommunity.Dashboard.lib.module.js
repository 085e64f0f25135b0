// Blazor's JS initializer for this app (found by its name): declares the custom events the components use.

// heatcellclick: a click inside the heat map, with the clicked cell's region and criterion (see HeatCellEventArgs.cs).
export function afterWebStarted(blazor) {
    blazor.registerCustomEventType('heatcellclick', {
        browserEventName: 'click',
        createEventArgs: event => {
            const cell = event.target instanceof Element ? event.target.closest('button[data-region][data-criterion]') : null;
            return cell ? { region: cell.dataset.region, criterion: Number(cell.dataset.criterion) } : { region: null, criterion: 0 };
        }
    });
}
