// Shared by every tab page (question board, pulse results): fetches the bot's JSON API as the signed-in
// person. Inside Teams the page gets a Teams SSO token and sends it as a bearer token; in local dev mode
// (loopback only) the server names the caller itself, and `?devUser=<aadObjectId>` on the page URL picks
// someone else from the demo org.
import { inTeams, teamsToken } from './teams-sso.js';

const devUser = new URLSearchParams(location.search).get('devUser');

/** A function returning a bearer token, or null: the Teams SSO token when Teams hosts the page (teams-sso.js). */
let tokenProvider = async () => (inTeams() ? teamsToken() : null);

export function useTokenProvider(provider) {
  tokenProvider = provider;
}

/** Fetches the bot's JSON API as the signed-in person; resolves to the parsed answer, throws on an error status. */
export async function apiFetch(path, options = {}) {
  const response = await send(path, options);
  return response.status === 204 ? null : response.json();
}

/** Like apiFetch, for a non-JSON answer (the results CSV): resolves to a Blob, throws the same errors. */
export async function apiFetchBlob(path) {
  return (await send(path)).blob();
}

/** One request with the caller's identity; an error status becomes an Error carrying the API's detail and the status. */
async function send(path, options = {}) {
  const headers = new Headers(options.headers || {});
  const token = await tokenProvider();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (devUser) headers.set('X-Dev-User', devUser);
  const response = await fetch(path, { ...options, headers });
  if (!response.ok) {
    let detail = `${response.status}`;
    let problem = null;
    try { problem = await response.json(); detail = problem.detail || detail; } catch { /* not JSON */ }
    const error = new Error(detail);
    error.status = response.status;
    // The problem as the API sent it: a form shows `errors` (field → messages) beside its fields.
    error.problem = problem;
    throw error;
  }
  return response;
}
