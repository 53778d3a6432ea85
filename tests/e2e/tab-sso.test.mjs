// Teams SSO in the tab pages' shared fetch helper (src/DialogueBot/wwwroot/tabs/tab-auth.js): hosted by
// Teams (a frame on the bot's domain) apiFetch initialises the Teams SDK once and sends its SSO token as a
// bearer token; opened on its own it sends none. The bot's domain, the SDK's CDN and the API are all
// served by the test (page.route): nothing leaves the machine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, root } from './lib/harness.mjs';

const ORIGIN = 'https://dialoguebot.test';
const wwwroot = join(root, 'src', 'DialogueBot', 'wwwroot');
const FAKE_SDK = `window.microsoftTeams = {
  app: { initialize: async () => { window.__teamsCalls.push('initialize'); } },
  authentication: { getAuthToken: async () => { window.__teamsCalls.push('getAuthToken'); return 'sso-token-from-teams'; } },
};`;

let browser;
let context;
const apiCalls = [];
const sdkLoads = [];

before(async () => {
  browser = await launchBrowser();
  context = await browser.newContext();
  await context.route('**/*', async route => {
    const url = new URL(route.request().url());
    if (url.hostname === 'res.cdn.office.net' && url.pathname.includes('/teams-js/')) {
      sdkLoads.push(url.href);
      return route.fulfill({ contentType: 'text/javascript', body: FAKE_SDK, headers: { 'access-control-allow-origin': '*' } });
    }
    if (url.origin !== ORIGIN) return route.abort();
    if (url.pathname === '/host.html') {
      return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Teams</title><iframe id="tab" src="/tabs/probe.html"></iframe>' });
    }
    if (url.pathname === '/tabs/probe.html') {
      return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>tab</title><script>window.__teamsCalls = [];</script>' });
    }
    if (url.pathname === '/api/me') {
      apiCalls.push(route.request().headers().authorization ?? null);
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify({ name: 'Megan Bowen', roles: ['executive'] }) });
    }
    if (url.pathname.startsWith('/tabs/') && url.pathname.endsWith('.js')) {
      return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(wwwroot, ...url.pathname.split('/').filter(Boolean))) });
    }
    return route.fulfill({ status: 404, body: '' });
  });
});

after(async () => { await browser?.close(); });

async function callApiFrom(frame) {
  return frame.evaluate(async () => {
    const { apiFetch } = await import('/tabs/tab-auth.js');
    const first = await apiFetch('/api/me');
    await apiFetch('/api/me');
    return { name: first.name, calls: window.__teamsCalls };
  });
}

test('hosted by Teams, apiFetch sends the Teams SSO token and initialises the SDK once', async () => {
  apiCalls.length = 0;
  sdkLoads.length = 0;
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/host.html`);
  const frame = page.frames().find(f => f.url().endsWith('/tabs/probe.html'));
  await frame.waitForLoadState();

  const result = await callApiFrom(frame);

  assert.equal(result.name, 'Megan Bowen');
  assert.deepEqual(apiCalls, ['Bearer sso-token-from-teams', 'Bearer sso-token-from-teams']);
  assert.deepEqual(result.calls, ['initialize', 'getAuthToken', 'getAuthToken']);
  assert.equal(sdkLoads.length, 1);
  await page.close();
});

test('opened on its own (not in Teams), apiFetch sends no token and loads no SDK', async () => {
  apiCalls.length = 0;
  sdkLoads.length = 0;
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/tabs/probe.html`);

  const result = await callApiFrom(page.mainFrame());

  assert.equal(result.name, 'Megan Bowen');
  assert.deepEqual(apiCalls, [null, null]);
  assert.deepEqual(result.calls, []);
  assert.equal(sdkLoads.length, 0);
  await page.close();
});
