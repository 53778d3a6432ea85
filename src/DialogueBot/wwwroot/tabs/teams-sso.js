// Teams SSO for the tab pages. Inside Teams the page runs in a frame of the Teams client; the Teams JS SDK
// asks Teams for the signed-in person's Entra token for the manifest's webApplicationInfo.resource
// (api://{domain}/{client id}), which the bot's API validates (ApiAuthenticationHandler). Outside Teams
// (a browser on loopback in dev mode) there is no token: the server names the caller itself.
export const TEAMS_SDK_URL = 'https://res.cdn.office.net/teams-js/2.58.0/js/MicrosoftTeams.min.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * True when Teams hosts the page: a frame on the bot's https domain, or ?inTeams=true. On loopback (dev
 * mode, browser tests) only the query says so: the dev server names the caller without a token.
 */
export function inTeams() {
  if (new URLSearchParams(location.search).get('inTeams') === 'true') return true;
  return !LOOPBACK.has(location.hostname) && window.parent !== window;
}

let sdk;
let initialized;

function loadSdk() {
  if (window.microsoftTeams) return Promise.resolve(window.microsoftTeams);
  sdk ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = TEAMS_SDK_URL;
    script.crossOrigin = 'anonymous';
    script.onload = () => (window.microsoftTeams ? resolve(window.microsoftTeams) : reject(new Error('The Teams SDK did not load.')));
    script.onerror = () => { sdk = undefined; reject(new Error('The Teams SDK could not be loaded.')); };
    document.head.append(script);
  });
  return sdk;
}

/** The Teams SSO token (Teams caches and renews it), after initialising the SDK once per page. */
export async function teamsToken() {
  const teams = await loadSdk();
  initialized ??= teams.app.initialize();
  await initialized;
  return teams.authentication.getAuthToken();
}
