// The consultation tab: the bot (dev mode, demo org and demo consultation) serves the page, which fetches the
// brief, the timeline, the live concern board and, for the executive, the results through apiFetch. axe-core
// checks every state opened: a manager giving input, the executive while open, and after the window closed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAzurite, startBot, launchBrowser, localOnly, artifacts, assertAccessible } from './lib/harness.mjs';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // CEO, runs the demo consultation
const ADELE = '00000000-0000-0000-0000-0000000000022'; // a manager in its audience
const VOTER = 'd0000000-0000-4000-8000-000000000025'; // another manager

let storage, bot, browser;

before(async () => {
  storage = await startAzurite();
  bot = await startBot({ storage: storage.connectionString, env: { Consultation__CloseGrace: '00:00:00' } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await bot?.stop();
  await storage?.stop();
});

async function demoConsultation() {
  for (let i = 0; i < 150; i++) {
    const list = await bot.api('/api/consultations', MEGAN).catch(() => []);
    if (list.length) {
      const board = await bot.api(`/api/consultations/${list[0].id}/concerns`, MEGAN);
      if (board.items.length === 2) return list[0].id;
    }
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error('the demo consultation with its two items did not appear');
}

const votesShown = page => page.$$eval('[data-testid=concern]', items => items.map(i => Number(i.querySelector('[data-testid=votes]').textContent)));

test('the consultation tab shows the brief, a live concern board and results after close, with no accessibility violation', async () => {
  const id = await demoConsultation();

  const manager = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await localOnly(manager);
  await manager.goto(`${bot.url}/tabs/consultation/?devUser=${ADELE}&consultation=${id}`);
  await manager.waitForSelector('body[data-loaded=true] [data-testid=concern]', { timeout: 30000 });
  assert.equal(await manager.textContent('#title'), 'Move to a four-day office week');
  assert.ok(await manager.isVisible('#raise'), 'a consulted manager can raise an item');
  assert.ok(await manager.isHidden('#results'), 'a manager does not see results');
  await assertAccessible(manager, 'consultation tab (manager, open)');

  // A vote from elsewhere shows up live.
  const board = await bot.api(`/api/consultations/${id}/concerns`, MEGAN);
  const target = board.items[board.items.length - 1];
  await bot.api(`/api/consultations/${id}/concerns/${target.id}/vote`, VOTER, { method: 'PUT', body: JSON.stringify({ on: true }) });
  await manager.waitForFunction(total => [...document.querySelectorAll('[data-testid=votes]')].reduce((s, e) => s + Number(e.textContent), 0) === total,
    board.items.reduce((s, q) => s + q.votes, 0) + 1, { timeout: 15000 });
  const shown = await votesShown(manager);
  assert.deepEqual(shown, [...shown].sort((a, b) => b - a), 'ranked by votes');
  await manager.screenshot({ path: artifacts('screenshots', 'consultation-tab-manager.png'), fullPage: true });
  await manager.close();

  const executive = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await localOnly(executive);
  await executive.goto(`${bot.url}/tabs/consultation/?devUser=${MEGAN}&consultation=${id}`);
  await executive.waitForSelector('body[data-loaded=true] [data-testid=concern]', { timeout: 30000 });
  assert.ok(await executive.isVisible('#results'));
  assert.match(await executive.textContent('#results-message'), /after the input window closes/);
  await assertAccessible(executive, 'consultation tab (executive, open)');

  await bot.api(`/api/consultations/${id}/end`, MEGAN, { method: 'POST' });
  await executive.waitForFunction(() => /Not enough ratings|not shown/.test(document.querySelector('#results-message').textContent) || !document.querySelector('#results-table').hidden, null, { timeout: 20000 });
  await executive.waitForFunction(() => [...document.querySelectorAll('#timeline li')].some(li => li.textContent.startsWith('Done: Ratings counted')), null, { timeout: 20000 });
  assert.ok(await executive.isHidden('#raise'), 'no input after the window closed');
  await executive.screenshot({ path: artifacts('screenshots', 'consultation-tab-results.png'), fullPage: true });
  await assertAccessible(executive, 'consultation tab (executive, after close)');
  await executive.close();
});
