// The management tab as HR and as a manager see it. HR (Patti) writes a pulse with an own question in the
// tab, previews it, sends it, and the card reaches the audience: two Engineering managers installed the bot
// against a Connector stub here, and the stub receives the card with that question. HR then creates a town
// hall and a skip-level programme, and tries a broken org chart CSV. axe-core checks every state of the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startAzurite, startBot, launchBrowser, localOnly, artifacts, assertAccessible, freePort } from './lib/harness.mjs';

const PATTI = '00000000-0000-0000-0000-0000000000024'; // HR and executive
const MEGAN = '00000000-0000-0000-0000-0000000000021'; // executive, not HR
const ADELE = '00000000-0000-0000-0000-0000000000022'; // manager in Engineering
const LEE = 'd0000000-0000-4000-8000-000000000006'; // manager in Engineering
const TENANT = '00000000-0000-0000-0000-0000000000001';
const OWN_QUESTION = 'Which change this quarter should we explain first?';

let storage, bot, browser, connector;

/** The Bot Connector as the bot sees it: every activity sent to a conversation is kept, each answered with an id. */
async function startConnector() {
  const received = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', chunk => { body += chunk; });
    request.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(request.url);
      if (match && request.method !== 'GET') received.push({ conversationId: decodeURIComponent(match[1]), text: body });
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ id: `stub-${received.length}` }));
    });
  });
  const port = await freePort();
  await new Promise(ok => server.listen(port, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${port}/`, received, stop: () => new Promise(ok => server.close(ok)) };
}

before(async () => {
  storage = await startAzurite();
  connector = await startConnector();
  bot = await startBot({ storage: storage.connectionString, env: { Scheduler__PollInterval: '00:00:01', Pulse__RespectQuietHours: 'false' } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await bot?.stop();
  await connector?.stop();
  await storage?.stop();
});

async function until(check, what, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`${what}: not in ${timeoutMs / 1000}s`);
    await new Promise(r => setTimeout(r, 300));
  }
}

const conversationOf = aad => `a:${aad.replaceAll('-', '')}`;

/** The person installs the bot in their personal scope, as Teams tells the bot (conversationUpdate), with the stub as serviceUrl. */
async function install(aadObjectId, name) {
  const activity = {
    type: 'conversationUpdate', id: `e2e-${Math.random().toString(16).slice(2)}`, timestamp: new Date().toISOString(),
    channelId: 'msteams', serviceUrl: connector.url,
    from: { id: `29:${aadObjectId}`, name, aadObjectId },
    recipient: { id: '28:bot-app-id', name: 'DialogueBot' },
    membersAdded: [{ id: '28:bot-app-id' }],
    conversation: { id: conversationOf(aadObjectId), conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
  const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  assert.ok(response.ok, `the install of ${name} answered ${response.status}`);
}

async function openTab(user) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  await localOnly(page);
  await page.goto(`${bot.url}/tabs/manage/?devUser=${user}`);
  await page.waitForSelector('body[data-loaded=true]', { timeout: 30000 });
  return page;
}

test('a manager opening the management tab is told it is not available to them', async () => {
  const page = await openTab(ADELE);
  assert.equal(await page.getAttribute('body', 'data-denied'), '403');
  assert.equal(await page.textContent('#title'), 'Not available to you');
  assert.match(await page.textContent('#notice'), /for HR and executives/);
  assert.equal(await page.locator('.panel:visible').count(), 0, 'no section is shown');
  await page.screenshot({ path: artifacts('screenshots', 'manage-tab-manager.png') });
  await assertAccessible(page, 'management tab, refused');
  await page.close();
});

test('an executive who is not HR gets pulses, town halls and the org chart summary, not the HR-only sections', async () => {
  const page = await openTab(MEGAN);
  assert.equal(await page.getAttribute('body', 'data-state'), 'ready');
  assert.ok(await page.isVisible('#pulses'));
  assert.ok(await page.isVisible('#townhalls'));
  assert.ok(await page.isVisible('[data-testid=org-summary]'));
  assert.ok(await page.isHidden('#skiplevel'), 'skip-level programmes are for HR');
  assert.ok(await page.isHidden('#org-form'), 'importing the org chart is for HR');
  assert.ok(await page.isHidden('#graph'));
  await assertAccessible(page, 'management tab, executive');
  await page.close();
});

test('HR creates a pulse with an own question in the tab, previews it, and the card reaches the audience', async () => {
  await until(async () => (await bot.api('/api/org/units', PATTI)).includes('Engineering'), 'the demo org is loaded');
  await install(LEE, 'Lee Gu');
  await install(ADELE, 'Adele Vance');

  const page = await openTab(PATTI);
  assert.equal(await page.getAttribute('body', 'data-state'), 'ready');
  assert.equal(await page.textContent('#title'), 'Manage');
  assert.equal(await page.getAttribute('#recognition-link', 'href'), '/tabs/recognition/');
  assert.match(await page.textContent('[data-testid=graph-status]'), /not configured/);
  await page.screenshot({ path: artifacts('screenshots', 'manage-tab.png'), fullPage: true });
  await assertAccessible(page, 'management tab, ready');

  // Previewing an empty form: the API names what is missing, nothing is created.
  await page.click('#pulse-preview-button');
  await page.waitForSelector('body[data-state=pulse-invalid]');
  assert.match(await page.textContent('[data-testid=pulse-errors]'), /Title: Give the pulse a title/);
  await assertAccessible(page, 'management tab, pulse errors');

  await page.fill('#pulse-title', 'What Engineering needs explained');
  const first = page.locator('[data-testid=question-editor]').nth(0);
  await first.locator('select.kind').selectOption('singleChoice');
  await first.locator('input.text').fill(OWN_QUESTION);
  await first.locator('textarea.choices').fill('The budget\nThe re-org\nThe roadmap');
  await page.click('#add-question');
  const second = page.locator('[data-testid=question-editor]').nth(1);
  await second.locator('select.kind').selectOption('text');
  await second.locator('input.text').fill('What would help your team most?');
  await page.locator('#pulse-units').getByRole('checkbox', { name: 'Engineering', exact: true }).check();
  await page.fill('#pulse-days', '3');

  await page.click('#pulse-preview-button');
  await page.waitForSelector('body[data-state=pulse-preview]');
  const preview = await page.locator('[data-testid=preview-question]').allTextContents();
  assert.equal(preview.length, 2);
  assert.match(preview[0], new RegExp(`${OWN_QUESTION}.*The budget · The re-org · The roadmap`));
  assert.match(preview[1], /What would help your team most\? \(optional\)/);
  // Managers in Engineering (demo-org.csv): Lee, Johanna, Alex, Adele, Pradeep, Henrietta, Irvin, Lidia.
  assert.match(await page.textContent('[data-testid=pulse-preview-audience]'), /Managers in Engineering: 8 people/);
  assert.deepEqual(await bot.api('/api/pulses', PATTI).then(list => list.filter(p => p.title === 'What Engineering needs explained')), [], 'a preview creates nothing');
  await page.screenshot({ path: artifacts('screenshots', 'manage-tab-pulse-preview.png'), fullPage: true });
  await assertAccessible(page, 'management tab, pulse preview');

  await page.click('#pulse-send');
  await page.waitForSelector('body[data-state=pulse-sent]');
  const pulseId = await page.getAttribute('body', 'data-pulse-id');
  assert.match(await page.textContent('#notice'), /goes to 8 people now/);
  assert.equal(await page.getAttribute('#notice-link', 'href'), `/tabs/results/?pulse=${pulseId}`);
  assert.match(await page.textContent('[data-testid=pulse-list]'), /What Engineering needs explained/);
  await assertAccessible(page, 'management tab, pulse sent');

  // The API has the own question; the run opens for 8 people; the card with the question reaches both installed managers.
  const pulse = await bot.api(`/api/pulses/${pulseId}`, PATTI);
  assert.equal(pulse.questions[0].text, OWN_QUESTION);
  assert.deepEqual(pulse.questions[0].choices, ['The budget', 'The re-org', 'The roadmap']);
  await until(async () => (await bot.api(`/api/pulses/${pulseId}`, PATTI)).runs[0].status === 'open', 'the run opens');
  for (const aad of [LEE, ADELE]) {
    await until(async () => connector.received.some(a => a.conversationId === conversationOf(aad) && a.text.includes(OWN_QUESTION)), `the pulse card reaches ${aad}`);
  }
  assert.equal((await bot.api(`/api/pulses/${pulseId}`, PATTI)).runs[0].audience, 8);
  // The run's delivery report in the list (counts only): two of the eight have the bot installed.
  await until(async () => {
    await page.reload();
    await page.waitForSelector('body[data-loaded=true]');
    return /What Engineering needs explained#1open8 people.*Delivered 2 of 8/.test(await page.textContent('[data-testid=pulse-list]'));
  }, 'the delivery report of the run is listed');
  await assertAccessible(page, 'management tab, delivery report');

  // A town hall, created in the tab (first without a title: the API names the field).
  await page.click('#townhall-create');
  await page.waitForSelector('body[data-state=townhall-invalid]');
  assert.match(await page.textContent('[data-testid=townhall-errors]'), /Title: /);
  await assertAccessible(page, 'management tab, town hall errors');
  await page.fill('#townhall-title', 'Engineering strategy town hall');
  await page.click('#townhall-create');
  await page.waitForSelector('body[data-state=townhall-created]');
  const townHallId = await page.getAttribute('body', 'data-town-hall-id');
  assert.equal(await page.getAttribute('#notice-link', 'href'), `/tabs/board/?townHall=${townHallId}`);
  const townHalls = await bot.api('/api/townhalls', PATTI);
  const created = townHalls.find(t => t.id === townHallId);
  assert.equal(created?.title, 'Engineering strategy town hall');
  assert.ok(created.isOpen, 'questions are open now');
  assert.ok(new Date(created.eventAt) > new Date(created.closesAt), 'it takes place after questions close');
  assert.match(await page.textContent('[data-testid=townhall-list]'), /Engineering strategy town hall/);
  await assertAccessible(page, 'management tab, town hall created');

  // A skip-level programme: its preview before anything is sent.
  await page.fill('#skiplevel-name', 'Engineering skip-levels');
  await page.locator('#skiplevel-units').getByRole('checkbox', { name: 'Engineering', exact: true }).check();
  await page.click('#skiplevel-create');
  await page.waitForSelector('body[data-state=skiplevel-preview]');
  assert.match(await page.textContent('#skiplevel-plan-meta'), /\d+ pairs over \d+ week/);
  assert.ok(await page.locator('#skiplevel-pairs tr').count() > 0, 'the preview lists pairs');
  await assertAccessible(page, 'management tab, skip-level preview');
  const pairs = await page.locator('#skiplevel-pairs tr').count();
  await page.click('#skiplevel-launch');
  await page.waitForSelector('body[data-state=skiplevel-launched]');
  assert.match(await page.textContent('#notice'), new RegExp(`Cycle 1 of “Engineering skip-levels”: ${pairs} pairs`));
  await page.getByRole('button', { name: 'Show the follow-through of Engineering skip-levels' }).click();
  await page.waitForSelector('#skiplevel-status:not([hidden])');
  assert.match(await page.textContent('[data-testid=skiplevel-status]'), new RegExp(`^0 of ${pairs} meetings happened`));
  await page.waitForFunction(() => /Cycle 1, Prompts: /.test(document.querySelector('[data-testid=skiplevel-delivery]').textContent));
  await assertAccessible(page, 'management tab, skip-level follow-through');

  // A broken org chart file is refused line by line; the chart in force stays.
  await page.setInputFiles('#org-file', { name: 'org.csv', mimeType: 'text/csv', buffer: Buffer.from('id,name\np01,\n') });
  await page.click('#org-import');
  await page.waitForSelector('body[data-state=org-invalid]');
  assert.match(await page.textContent('[data-testid=org-errors]'), /./);
  assert.ok((await bot.api('/api/org/summary', PATTI)).people >= 30, 'the demo org is still in force');
  await page.screenshot({ path: artifacts('screenshots', 'manage-tab-done.png'), fullPage: true });
  await assertAccessible(page, 'management tab, org import refused');
  await page.close();
});
