// The meeting-room screen (/display) keeps its own session alive. A TV makes no page requests, so nothing else would
// renew its sliding cookie; an hourly ping does (Accounts/DisplaySession.cs). A session that ended (the display link
// revoked, the cookie lapsed) reloads the page, and the server sends it to sign in.
const pingPath = '/display/session';
const pingEveryMilliseconds = 60 * 60 * 1000;

async function ping() {
    let response;
    try {
        response = await fetch(pingPath, { cache: 'no-store', credentials: 'same-origin', redirect: 'manual' });
    } catch {
        return;   // the server is unreachable: reconnect-state.js waits for it
    }
    // A redirect (to sign in) or a refusal: the session is over. Anything else (429, 5xx) is tried again next hour.
    if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
        location.reload();
    }
}

setInterval(ping, pingEveryMilliseconds);
