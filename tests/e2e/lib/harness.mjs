// Starts the real pieces for browser tests: Azurite, the bot (built dll, dev mode) and the M365 Agents
// Playground, each on a free loopback port, and stops them again. Also launches Debian's Chromium.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const artifacts = (...parts) => {
  const path = join(root, 'artifacts', ...parts);
  mkdirSync(dirname(path), { recursive: true });
  return path;
};

export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
export const TEST_HMAC_KEY = 'VEVTVC1PTkxZLWRpYWxvZ3VlYm90LWhtYWMta2V5LWZvci10ZXN0cy0wMDAwMDA=';

export function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

async function waitFor(check, what, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (e) { last = e; }
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(`${what} did not come up in ${timeoutMs / 1000}s ${last ? '(' + last.message + ')' : ''}`);
}

function start(command, args, env, name) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  const keep = d => { log.push(d.toString()); if (log.length > 400) log.shift(); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.log = () => log.join('');
  child.label = name;
  return child;
}

async function stop(child) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise(r => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Azurite in memory, or the one `make test` started (DIALOGUEBOT_TEST_STORAGE). */
export async function startAzurite() {
  if (process.env.DIALOGUEBOT_TEST_STORAGE) {
    return { connectionString: process.env.DIALOGUEBOT_TEST_STORAGE, stop: async () => {} };
  }
  const [blob, queue, table] = [await freePort(), await freePort(), await freePort()];
  const child = start(join(root, 'node_modules', '.bin', 'azurite'), [
    '--silent', '--inMemoryPersistence', '--skipApiVersionCheck', '--loose', '--disableTelemetry',
    '--blobHost', '127.0.0.1', '--queueHost', '127.0.0.1', '--tableHost', '127.0.0.1',
    '--blobPort', `${blob}`, '--queuePort', `${queue}`, '--tablePort', `${table}`], {}, 'azurite');
  await waitFor(() => fetch(`http://127.0.0.1:${table}/`).then(() => true), 'Azurite');
  const connectionString = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};` +
    `BlobEndpoint=http://127.0.0.1:${blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:${table}/devstoreaccount1;`;
  return { connectionString, stop: () => stop(child) };
}

/** The bot as `make run` starts it (dev mode, demo org), from the Debug build. */
export async function startBot({ storage, env = {} }) {
  const dll = join(root, 'src', 'DialogueBot', 'bin', 'Debug', 'net10.0', 'DialogueBot.dll');
  if (!existsSync(dll)) throw new Error(`Build the bot first (${dll} is missing): make test builds it.`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = start('dotnet', [dll, '--urls', url, '--contentRoot', join(root, 'src', 'DialogueBot')], {
    ASPNETCORE_ENVIRONMENT: 'Development',
    Storage__ConnectionString: storage,
    Storage__Prefix: 'e2e' + Math.random().toString(16).slice(2, 10),
    Anonymity__HmacKey: TEST_HMAC_KEY,
    Logging__LogLevel__Default: 'Warning',
    ...env,
  }, 'bot');
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error('the bot exited:\n' + child.log());
    return (await fetch(`${url}/healthz`)).ok;
  }, 'The bot');
  /** Calls the bot's JSON API as the dev user `user` (X-Dev-User); an error status fails the test with the answer. */
  async function api(path, user, options = {}) {
    const response = await fetch(`${url}${path}`, { ...options, headers: { 'Content-Type': 'application/json', 'X-Dev-User': user, ...(options.headers || {}) } });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  }
  return { url, port, child, api, stop: () => stop(child) };
}

/** Microsoft 365 Agents Playground pointed at the bot. */
export async function startPlayground({ botUrl }) {
  const port = await freePort();
  const child = start('node', [join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
    '-e', `${botUrl}/api/messages`, '-c', 'msteams', '-p', `${port}`, '--disable-telemetry'],
    // The same Teams context as `make run`: the demo user, and the bot under its real name.
    { TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(root, 'scripts', 'playground.yml') }, 'playground');
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error('the Playground exited:\n' + child.log());
    return (await fetch(`${url}/_internal/v1/config`)).ok;
  }, 'The Playground');
  return { url, port, child, stop: () => stop(child) };
}

/** Headless Debian Chromium with the flags this closed network needs; only loopback is reachable. */
export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium is not installed at ${executablePath}. Install Debian's package: sudo apt-get install -y chromium`);
  }
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  // Every page in its own context, as a new tab would be (and @axe-core/playwright needs: it refuses pages
  // made by browser.newPage()). The context goes when its page closes.
  browser.newPage = async options => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.once('close', () => context.close().catch(() => {}));
    return page;
  };
  return browser;
}

/** Blocks every request that leaves the machine (fonts from a CDN, telemetry). */
export async function localOnly(page) {
  await page.route('**/*', route => {
    const host = new URL(route.request().url()).hostname;
    return host === '127.0.0.1' || host === 'localhost' ? route.continue() : route.abort();
  });
}

/**
 * axe-core over the page as it is now (WCAG 2.0/2.1 A and AA rules, colour contrast included): any
 * violation fails the test with each rule, its impact and the elements it found, so a fix is one read away.
 */
export async function assertAccessible(page, label) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const report = violations.map(v => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map(n => n.target.join(' ')).join('\n    ')}`).join('\n  ');
  assert.equal(violations.length, 0, `${label}: axe found ${violations.length} accessibility violation(s):\n  ${report}`);
}
