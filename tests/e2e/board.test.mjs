// The question board tab as a projector shows it: the bot (dev mode, demo org and demo town hall) serves
// the page, the page fetches the board through apiFetch, and votes cast meanwhile re-rank it live.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAzurite, startBot, launchBrowser, localOnly, artifacts, assertAccessible } from './lib/harness.mjs';

const DEMO_TOWN_HALL = 'thdemo0001';
// Demo-org people who did not vote on the demo questions yet (their AAD ids from demo-org.csv).
const VOTERS = ['d0000000-0000-4000-8000-000000000026', 'd0000000-0000-4000-8000-000000000027', 'd0000000-0000-4000-8000-000000000028',
  'd0000000-0000-4000-8000-000000000029', 'd0000000-0000-4000-8000-000000000030', '00000000-0000-0000-0000-0000000000022'];

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

const shown = page => page.$$eval('[data-testid=question]', items => items.map(i => ({
  text: i.querySelector('[data-testid=text]').textContent,
  votes: Number(i.querySelector('[data-testid=votes]').textContent),
})));

test('the board tab loads, ranks questions by votes and re-ranks live when votes arrive', async () => {
  // The demo seed runs at start; wait until its questions are all there.
  let board;
  for (let i = 0; i < 150; i++) {
    board = await bot.api(`/api/townhalls/${DEMO_TOWN_HALL}/questions`, VOTERS[0]).catch(() => null);
    if (board?.questions?.length === 4) break;
    await new Promise(r => setTimeout(r, 200));
  }
  assert.equal(board?.questions?.length, 4, 'the demo town hall has its four questions');

  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await localOnly(page);
  await page.goto(`${bot.url}/tabs/board/index.html?townHall=${DEMO_TOWN_HALL}`);
  await page.waitForSelector('body[data-loaded=true] [data-testid=question]', { timeout: 30000 });

  const before = await shown(page);
  assert.equal(before.length, 4);
  assert.deepEqual(before.map(q => q.votes), [...before.map(q => q.votes)].sort((a, b) => b - a), 'ranked by votes');
  assert.deepEqual(before.map(q => q.text), board.questions.map(q => q.text), 'the same order as the API');
  assert.equal(await page.textContent('#title'), 'Q3 company town hall');
  await page.screenshot({ path: artifacts('screenshots', 'townhall-board.png') });
  await assertAccessible(page, 'question board tab');

  // The least-voted question gets enough votes to overtake the leader.
  const last = before[before.length - 1];
  const target = board.questions.find(q => q.text === last.text);
  const needed = before[0].votes - last.votes + 1;
  for (const voter of VOTERS.slice(0, needed)) {
    await bot.api(`/api/townhalls/${DEMO_TOWN_HALL}/questions/${target.id}/vote`, voter, { method: 'PUT', body: JSON.stringify({ on: true }) });
  }

  await page.waitForFunction(
    ({ text, votes }) => {
      const first = document.querySelector('[data-testid=question]');
      return first && first.querySelector('[data-testid=text]').textContent === text && Number(first.querySelector('[data-testid=votes]').textContent) === votes;
    },
    { text: last.text, votes: last.votes + needed }, { timeout: 15000 });
  const after = await shown(page);
  assert.equal(after[0].text, last.text);
  assert.deepEqual(after.map(q => q.votes), [...after.map(q => q.votes)].sort((a, b) => b - a), 'still ranked by votes');
  await page.screenshot({ path: artifacts('screenshots', 'townhall-board-live.png') });

  // Filters: nothing answered yet.
  await page.click('#filters button[data-filter=answered]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=question]').length === 0, null, { timeout: 10000 });
  await page.close();
});

test('opened without a town hall the tab shows the one the questions card shows, and a host gets moderation controls', async () => {
  const MEGAN_HOST = '00000000-0000-0000-0000-0000000000021';
  const halls = await bot.api('/api/townhalls', MEGAN_HOST);
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await localOnly(page);
  await page.goto(`${bot.url}/tabs/board/index.html?devUser=${MEGAN_HOST}`);
  await page.waitForSelector('body[data-loaded=true] [data-testid=question]', { timeout: 30000 });

  assert.equal(await page.textContent('#title'), halls[0].title, 'the first hall the server lists, as the card picks');
  assert.equal(await page.isHidden('#picker'), halls.length < 2, 'a picker only when there is a choice');
  const bylines = await page.$$eval('[data-testid=question] .byline', items => items.map(i => i.textContent));
  assert.ok(bylines.every(b => !b.includes('#')), 'no stored number that looks like a rank');

  // The host pins the last question from the tab; the server checks the role and the board re-ranks.
  const controls = await page.$$('[data-testid=host-controls]:not([hidden])');
  assert.ok(controls.length > 0, 'host controls for a host');
  await assertAccessible(page, 'question board tab with host controls');
  const lastText = await page.$$eval('[data-testid=question] [data-testid=text]', items => items[items.length - 1].textContent);
  await page.locator('[data-testid=question]').last().locator('button.pin').click();
  await page.waitForFunction(text => document.querySelector('[data-testid=question] [data-testid=text]')?.textContent === text, lastText, { timeout: 15000 });
  await page.screenshot({ path: artifacts('screenshots', 'townhall-board-host.png') });
  await page.close();

  // A voter sees no host controls.
  const voterPage = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await localOnly(voterPage);
  await voterPage.goto(`${bot.url}/tabs/board/index.html?devUser=${VOTERS[1]}`);
  await voterPage.waitForSelector('body[data-loaded=true] [data-testid=question]', { timeout: 30000 });
  assert.equal((await voterPage.$$('[data-testid=host-controls]:not([hidden])')).length, 0);
  await voterPage.close();
});
