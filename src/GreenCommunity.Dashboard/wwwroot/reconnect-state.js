// The circuit's state, made visible without the server (which cannot render while the circuit is down).
// Blazor puts the state on #components-reconnect-modal (ReconnectBanner.razor) and raises
// components-reconnect-state-changed there; this mirrors it on <body> as circuit-reconnecting or circuit-offline,
// which turns the live indicator grey (reconnect-state.css), and keeps trying where Blazor gives up.
const banner = document.getElementById('components-reconnect-modal');
const retryEveryMilliseconds = 5000;
let retryTimer = null;

function mark(state) {
    document.body.classList.toggle('circuit-reconnecting', state === 'reconnecting');
    document.body.classList.toggle('circuit-offline', state === 'offline');
}

function onStateChanged(event) {
    switch (event.detail.state) {
        case 'show':
        case 'retrying':
            mark('reconnecting');
            break;
        case 'failed':
        case 'paused':
        case 'resume-failed':
            mark('offline');
            keepRetrying();
            break;
        case 'rejected':
            // The server is back but no longer knows this page (a restart): a fresh page is live again.
            location.reload();
            break;
        case 'hide':
            stopRetrying();
            mark('live');
            break;
    }
}

// Blazor stops after its last attempt; a wall screen should come back by itself when the server does.
function keepRetrying() {
    if (retryTimer === null) {
        retryTimer = setInterval(retry, retryEveryMilliseconds);
    }
}

function stopRetrying() {
    if (retryTimer !== null) {
        clearInterval(retryTimer);
        retryTimer = null;
    }
}

async function retry() {
    try {
        // true: reconnected; false: the server answered but lost the circuit; an exception: not reachable yet.
        if (await Blazor.reconnect()) {
            stopRetrying();
            mark('live');
        } else if (!(await Blazor.resumeCircuit())) {
            location.reload();
        }
    } catch {
        // Still unreachable: the next tick tries again.
    }
}

async function resume() {
    try {
        if (!(await Blazor.resumeCircuit())) {
            location.reload();
        }
    } catch {
        banner.classList.replace('components-reconnect-paused', 'components-reconnect-resume-failed');
    }
}

if (banner) {
    banner.addEventListener('components-reconnect-state-changed', onStateChanged);
    document.getElementById('components-resume-button')?.addEventListener('click', resume);
    document.getElementById('reconnect-reload')?.addEventListener('click', () => location.reload());
}
