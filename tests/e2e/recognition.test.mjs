// The recognition review tab as HR and as a manager see it: the bot (dev mode, demo org with its demo
// nominations) serves the page, which reads the review queue and the overview through apiFetch. HR features
// a win from the tab; axe-core checks every state opened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAzurite, startBot, launchBrowser, localOnly, artifacts, assertAccessible } from './lib/harness.mjs';

const PATTI = '00000000-0000-0000-0000-0000000000024'; // HR and executive: reviews
const ADELE = '00000000-0000-0000-0000-0000000000022'; // a manager: may not review

let storage, bot, browser;

before(async () => {
  storage = await startAzurite();
  bot = await startBot({ storage: storage.connectionString });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await bot?.stop();
  await storage?.stop();
});

async function openTab(user) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await localOnly(page);
  await page.goto(`${bot.url}/tabs/recognition/?devUser=${user}`);
  await page.waitForSelector('body[data-loaded=true]', { timeout: 30000 });
  return page;
}

test('the recognition tab: HR reviews the queue and features a win, a manager is told it is not for them', async () => {
  // The demo seed runs at start: wait until its pending nominations are there.
  let pending = [];
  for (let i = 0; i < 150 && pending.length === 0; i++) {
    pending = await bot.api('/api/recognition/nominations?state=pending', PATTI).catch(() => []);
    if (pending.length === 0) await new Promise(r => setTimeout(r, 200));
  }
  assert.ok(pending.length > 0, 'the demo has nominations waiting for review');

  const page = await openTab(PATTI);
  assert.equal(await page.textContent('#title'), 'Managers\u2019 recognition');
  const items = page.locator('[data-testid=nomination]');
  assert.equal(await items.count(), pending.length);
  assert.ok(await page.locator('[data-testid=overlooked] li').count() > 0, 'the never-recognised managers are listed');
  await page.screenshot({ path: artifacts('screenshots', 'recognition-tab.png'), fullPage: true });
  await assertAccessible(page, 'recognition tab, HR');

  // Feature the first win from the tab: it leaves the queue, and the API says it is featured.
  const first = pending[0];
  await page.locator(`[data-testid=nomination][data-id="${first.id}"]`).getByRole('button', { name: 'Feature' }).click();
  await page.waitForFunction(n => document.querySelectorAll('[data-testid=nomination]').length === n, pending.length - 1, { timeout: 30000 });
  const featured = await bot.api('/api/recognition/nominations?state=featured', PATTI);
  assert.ok(featured.some(n => n.id === first.id), 'the pressed nomination is featured');
  await assertAccessible(page, 'recognition tab after a review');
  await page.close();

  const manager = await openTab(ADELE);
  assert.equal(await manager.getAttribute('body', 'data-denied'), '403');
  assert.equal(await manager.textContent('#title'), 'Not available to you');
  assert.equal(await manager.locator('[data-testid=nomination]').count(), 0);
  await assertAccessible(manager, 'recognition tab, refused');
  await manager.close();
});
