// The pulse results tab as an executive and as a manager see it. Results are seeded through the real
// pipeline only: HR creates two pulses through the API, managers answer them with the card's "Send
// anonymously" (adaptiveCard/action invokes to /api/messages, as Teams sends them in dev mode), and the
// bot's own scheduler closes them a minute later (the shortest pulse the API accepts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAzurite, startBot, launchBrowser, localOnly, artifacts, assertAccessible } from './lib/harness.mjs';

const PATTI = '00000000-0000-0000-0000-0000000000024'; // HR and executive: creates the pulses
const MEGAN = '00000000-0000-0000-0000-0000000000021'; // executive: reads the results
const ADELE = '00000000-0000-0000-0000-0000000000022'; // manager: may not read results
// Engineering managers of the demo org (demo-org.csv): p06, p07, p12..p17.
const ENGINEERING = [
  ['d0000000-0000-4000-8000-000000000006', 'Lee Gu'], ['d0000000-0000-4000-8000-000000000007', 'Johanna Lorenz'],
  ['00000000-0000-0000-0000-0000000000020', 'Alex Wilber'], [ADELE, 'Adele Vance'],
  ['d0000000-0000-4000-8000-000000000014', 'Pradeep Gupta'], ['d0000000-0000-4000-8000-000000000015', 'Henrietta Mueller'],
  ['d0000000-0000-4000-8000-000000000016', 'Irvin Sayers'], ['d0000000-0000-4000-8000-000000000017', 'Lidia Holloway'],
];
const HOSTILE_COMMENT = '<img src=x onerror="window.__injected=1"> more <b>context</b> please';

let storage, bot, browser;

before(async () => {
  storage = await startAzurite();
  // The scheduler looks for due work every second (10 s by default) so the pulses close on time.
  bot = await startBot({ storage: storage.connectionString, env: { Scheduler__PollInterval: '00:00:01', Pulse__RespectQuietHours: 'false' } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await bot?.stop();
  await storage?.stop();
});

async function until(check, what, timeoutMs = 120000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`${what}: not in ${timeoutMs / 1000}s`);
    await new Promise(r => setTimeout(r, 500));
  }
}

async function createPulse(title, closesAt) {
  const created = await bot.api('/api/pulses', PATTI, {
    method: 'POST',
    body: JSON.stringify({
      title,
      questions: [
        { kind: 'rating', text: 'I understand our strategy.' },
        { kind: 'enps', text: 'How likely are you to recommend working here?' },
        { kind: 'singleChoice', text: 'What needs more explanation?', choices: ['Strategy', 'Priorities', 'Decisions'] },
        { kind: 'text', text: 'Anything else?', required: false },
      ],
      audience: { managersOnly: true },
      closesAt,
    }),
  });
  await until(async () => (await bot.api(`/api/pulses/${created.id}`, PATTI)).runs[0].status === 'open', `${title} opens`, 30000);
  return created;
}

/** Presses "Send anonymously" on the pulse card as this person: the invoke Teams sends to the bot. */
async function answer(runId, [aadObjectId, name], data) {
  const activity = {
    type: 'invoke', name: 'adaptiveCard/action', id: `e2e-${Math.random().toString(16).slice(2)}`, timestamp: new Date().toISOString(),
    channelId: 'msteams', serviceUrl: bot.url, locale: 'en-GB',
    from: { id: `29:${aadObjectId}`, name, aadObjectId },
    recipient: { id: '28:bot-app-id', name: 'DialogueBot' },
    conversation: { id: `a:${aadObjectId.replaceAll('-', '')}`, conversationType: 'personal', tenantId: '00000000-0000-0000-0000-0000000000001' },
    channelData: { tenant: { id: '00000000-0000-0000-0000-0000000000001' } },
    value: { action: { type: 'Action.Execute', verb: 'pulse.answer', data: { runId, v: 1, ...data } }, trigger: 'manual' },
  };
  const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await response.text();
  assert.ok(response.ok, `the answer of ${name} answered ${response.status}: ${text}`);
  assert.match(text, /Thank you, your answers are in/, `${name}'s answer was counted`);
}

async function openTab(user, query = '') {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  await localOnly(page);
  await page.goto(`${bot.url}/tabs/results/?devUser=${user}${query}`);
  await page.waitForSelector('body[data-loaded=true]', { timeout: 30000 });
  return page;
}

test('the results tab: figures of a closed pulse for an executive, "not enough responses" under 5, nothing for a manager', async () => {
  // 65 s: the API accepts a pulse that closes more than a minute after it opens.
  const closesAt = new Date(Date.now() + 65000).toISOString();
  const big = await createPulse('Strategy check-in (Engineering)', closesAt);
  const small = await createPulse('Tooling pulse', closesAt);

  const comments = ['Clearer priorities for Q4', 'More context on the re-org', HOSTILE_COMMENT, 'Share decisions earlier', 'Fewer meetings, more focus', 'Good quarter overall'];
  for (const [i, person] of ENGINEERING.entries()) {
    await answer(big.runId, person, { q1: String(2 + (i % 4)), q2: String(i < 4 ? 9 + (i % 2) : 5 + i % 3), q3: String(i % 3), ...(i < comments.length ? { q4: comments[i] } : {}) });
  }
  for (const person of ENGINEERING.slice(0, 3)) {
    await answer(small.runId, person, { q1: '4', q2: '8', q3: '0', q4: 'A comment that must never be shown' });
  }

  // A manager gets the not-allowed message (the API answers 403), never a figure.
  const manager = await openTab(ADELE, `&pulse=${big.id}`);
  assert.equal(await manager.getAttribute('body', 'data-denied'), '403');
  assert.equal(await manager.textContent('#title'), 'Not available to you');
  assert.match(await manager.textContent('#notice'), /for HR and executives/);
  assert.equal(await manager.locator('[data-testid=question]').count(), 0);
  await manager.screenshot({ path: artifacts('screenshots', 'pulse-results-tab-manager.png') });
  await assertAccessible(manager, 'results tab, refused');
  await manager.close();

  // While open, nobody sees figures.
  const early = await openTab(MEGAN, `&pulse=${big.id}`);
  assert.equal(await early.getAttribute('body', 'data-status'), 'NotClosed');
  assert.equal(await early.locator('[data-testid=question]').count(), 0);
  await early.close();

  // The bot's scheduler closes both runs.
  for (const pulse of [big, small]) {
    await until(async () => (await bot.api(`/api/pulses/${pulse.id}/results`, MEGAN)).status !== 'NotClosed', 'the pulse closes');
  }

  const page = await openTab(MEGAN, `&pulse=${big.id}`);
  await page.waitForSelector('body[data-status=Ready] [data-testid=question]');
  assert.equal(await page.textContent('#title'), 'Strategy check-in (Engineering)');
  assert.equal(await page.textContent('[data-testid=respondents]'), '8');
  assert.match(await page.textContent('[data-testid=rate]'), /^\d+(\.\d)?%$/);
  const questions = page.locator('[data-testid=question]');
  assert.equal(await questions.count(), 4);
  assert.match(await questions.nth(0).locator('[data-testid=figures]').textContent(), /8 answers · mean \d/);
  assert.match(await questions.nth(1).locator('[data-testid=figures]').textContent(), /eNPS [+-]?\d+/);
  assert.equal(await questions.nth(0).locator('.bar').count(), 5, 'one bar per rating 1..5');
  assert.equal(await questions.nth(2).locator('.bar').count(), 3, 'one bar per choice');
  // Six comments, shown as plain text: the markup in one of them is text on the page, not an element.
  const shown = await questions.nth(3).locator('[data-testid=comments] li').allTextContents();
  assert.deepEqual([...shown].sort(), [...comments].sort());
  assert.equal(await page.evaluate(() => window.__injected), undefined);
  assert.equal(await questions.nth(3).locator('[data-testid=comments] img, [data-testid=comments] b').count(), 0);
  // The CSV link asks the API for the same view as CSV.
  assert.match(await page.getAttribute('#csv', 'href'), new RegExp(`^/api/pulses/${big.id}/results\\?format=csv$`));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
  assert.equal(download.suggestedFilename(), 'pulse-results.csv');
  await page.screenshot({ path: artifacts('screenshots', 'pulse-results-tab.png'), fullPage: true });
  await assertAccessible(page, 'results tab with results');

  // The group selector offers exactly the filters the API lists (all 8 are in Engineering, so that group).
  const view = await bot.api(`/api/pulses/${big.id}/results`, MEGAN);
  assert.deepEqual(view.filters.map(f => f.key), ['unit:Engineering']);
  assert.deepEqual(await page.$$eval('#filter option', options => options.map(o => o.value)), ['all', 'unit:Engineering']);
  await page.selectOption('#filter', 'unit:Engineering');
  await page.waitForFunction(() => document.getElementById('meta').textContent.endsWith('· Engineering'));
  assert.equal(await page.textContent('[data-testid=respondents]'), '8');
  assert.equal(await page.textContent('[data-testid=rate]'), '—', 'the API gives a response rate for everyone only');
  assert.match(await page.getAttribute('#csv', 'href'), /filter=unit%3AEngineering&format=csv$/);

  // Only 3 answered the other pulse: the API says not enough responses and the page shows no figure.
  await page.selectOption('#pulse', small.id);
  await page.waitForSelector('body[data-status=NotEnoughResponses]');
  assert.match(await page.textContent('#notice'), /Not enough responses/);
  assert.equal(await page.locator('[data-testid=question]').count(), 0);
  assert.ok(await page.isHidden('#summary'));
  assert.doesNotMatch(await page.textContent('body'), /must never be shown/);
  await page.screenshot({ path: artifacts('screenshots', 'pulse-results-tab-not-enough.png') });
  await assertAccessible(page, 'results tab, not enough responses');
  await page.close();
});

test('the results tab says so when the API refuses the caller as not signed in (401)', async () => {
  const page = await browser.newPage();
  await localOnly(page);
  await page.route('**/api/pulses', route => route.fulfill({ status: 401, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Unauthorized', status: 401 }) }));
  await page.goto(`${bot.url}/tabs/results/`);
  await page.waitForSelector('body[data-loaded=true]');
  assert.equal(await page.getAttribute('body', 'data-denied'), '401');
  assert.equal(await page.textContent('#title'), 'Sign-in needed');
  assert.match(await page.textContent('#notice'), /not signed in/i);
  await page.close();
});
