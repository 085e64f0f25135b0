// The circuit's state, made visible without the server (which cannot render while the circuit is down).
// Blazor puts the state on #components-reconnect-modal (ReconnectBanner.razor) and raises
// components-reconnect-state-changed there; this mirrors it on <body> as circuit-reconnecting or circuit-offline,
// which turns the live indicator grey (reconnect-state.css), and keeps trying where Blazor gives up: for ever, with
// back-off, so that a wall screen comes back by itself whenever the server does.
const banner = document.getElementById('components-reconnect-modal');
const firstRetryMilliseconds = 2000;
const longestRetryMilliseconds = 30000;
const serverCheckPath = '/healthz';
const serverCheckTimeoutMilliseconds = 10000;
let down = false;
let retryTimer = null;
let retryDelay = firstRetryMilliseconds;

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
            reloadOnceTheServerAnswers();
            break;
        case 'hide':
            backLive();
            break;
    }
}

// Blazor stops after its last attempt; this goes on, 2 s, 4 s, ... then every 30 s, for as long as it takes.
function keepRetrying() {
    down = true;
    if (retryTimer === null) {
        retryTimer = setTimeout(retry, retryDelay);
        retryDelay = Math.min(retryDelay * 2, longestRetryMilliseconds);
    }
}

function backLive() {
    down = false;
    clearTimeout(retryTimer);
    retryTimer = null;
    retryDelay = firstRetryMilliseconds;
    mark('live');
}

async function retry() {
    retryTimer = null;
    if (!down) {
        return;
    }
    try {
        // true: reconnected; false: the server answered but lost the circuit; an exception: not reachable yet, or
        // reachable but refusing this page's connection (its session ended meanwhile), which the server check tells apart.
        if (await Blazor.reconnect()) {
            backLive();
        } else {
            await resumeOrReload();
        }
        return;
    } catch {
        if (await serverAnswers()) {
            await resumeOrReload();
            return;
        }
    }
    keepRetrying();
}

async function resumeOrReload() {
    let resumed = false;
    try {
        resumed = await Blazor.resumeCircuit();
    } catch {
        // Not resumable: a fresh page instead.
    }
    if (resumed) {
        backLive();
    } else {
        await reloadOnceTheServerAnswers();
    }
}

// Reloading while the server is away would leave the browser's own "can't be reached" page, with nothing to retry.
async function reloadOnceTheServerAnswers() {
    if (await serverAnswers()) {
        location.reload();
    } else {
        keepRetrying();
    }
}

async function serverAnswers() {
    try {
        const response = await fetch(serverCheckPath, {
            cache: 'no-store', redirect: 'manual', signal: AbortSignal.timeout(serverCheckTimeoutMilliseconds),
        });
        return response.ok;
    } catch {
        return false;
    }
}

async function resume() {
    try {
        if (!(await Blazor.resumeCircuit())) {
            await reloadOnceTheServerAnswers();
        }
    } catch {
        banner.classList.replace('components-reconnect-paused', 'components-reconnect-resume-failed');
    }
}

if (banner) {
    banner.addEventListener('components-reconnect-state-changed', onStateChanged);
    document.getElementById('components-resume-button')?.addEventListener('click', resume);
    document.getElementById('reconnect-reload')?.addEventListener('click', reloadOnceTheServerAnswers);
}
