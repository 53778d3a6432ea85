// The whole path a person takes, in Microsoft's own Teams-like client: the Playground installs the bot,
// the demo pulse arrives and is answered in place, "help" answers with a card of buttons that each start
// a task, and the demo's closed pulse shows its results and trend at once (the newcomer's first minute).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAzurite, startBot, startPlayground, launchBrowser, localOnly, artifacts } from './lib/harness.mjs';

let storage, bot, playground, browser;
let page; // one Playground session: reloading it would install again, and the bot welcomes and delivers once

before(async () => {
  storage = await startAzurite();
  bot = await startBot({ storage: storage.connectionString });
  playground = await startPlayground({ botUrl: bot.url });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await playground?.stop();
  await bot?.stop();
  await storage?.stop();
});

const cardWith = (page, text) => page.waitForFunction(
  t => [...document.querySelectorAll('.ac-adaptiveCard')].some(c => c.innerText.includes(t)), text, { timeout: 30000 });

test('the Playground installs the bot: welcome card, its button, and "help" all answer with cards', async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  await localOnly(page);
  await page.goto(playground.url);

  // Loading the page installs the bot for Alex Wilber: the welcome card arrives first.
  await cardWith(page, 'Welcome, Alex');
  await page.screenshot({ path: artifacts('screenshots', 'playground-welcome.png') });
  // The chat is with the bot under its real name (scripts/playground.yml), not the Playground's "Test Bot".
  const chrome = await page.locator('body').innerText();
  assert.match(chrome, /DialogueBot/);
  assert.doesNotMatch(chrome, /Test Bot/);

  // Its button is an Action.Execute: the bot answers the invoke with the help card, shown in place.
  await page.locator('.ac-adaptiveCard', { hasText: 'Welcome, Alex' }).first().getByRole('button', { name: 'What can I do?' }).click();
  await cardWith(page, 'What I can do for you');

  // Typing "help" gets the help card as a new message.
  const before = await page.locator('.ac-adaptiveCard', { hasText: 'What I can do for you' }).count();
  const box = page.locator('[role=textbox][data-lexical-editor=true]');
  await box.click();
  await box.type('help');
  await page.getByRole('button', { name: 'Send Message' }).click();
  await page.waitForFunction(n => [...document.querySelectorAll('.ac-adaptiveCard')].filter(c => c.innerText.includes('What I can do for you')).length > n, before, { timeout: 30000 });

  const help = page.locator('.ac-adaptiveCard', { hasText: 'What I can do for you' }).last();
  assert.match(await help.innerText(), /your role here: HR, manager/);
  await page.screenshot({ path: artifacts('screenshots', 'playground-help.png') });
});

// The promise of `make run`: a newcomer sees a pulse card and answers it in place, anonymously.
test('in the Playground the demo pulse arrives after install and is answered in place with a thank-you card', async () => {
  // The same session as the test above: the demo pulse arrived right after the welcome card.
  await cardWith(page, 'Q3 strategy check-in');
  const pulse = page.locator('.ac-adaptiveCard', { hasText: 'Q3 strategy check-in' }).last();
  await page.screenshot({ path: artifacts('screenshots', 'playground-pulse.png') });

  await pulse.getByLabel('4 · Agree', { exact: true }).check();
  // The Playground draws a compact choice set as a Fluent combobox, not a <select>.
  await pulse.getByRole('combobox').first().click();
  await page.getByRole('option', { name: '8', exact: true }).click();
  await pulse.getByLabel('Priorities', { exact: true }).check();
  await pulse.locator('textarea, input[type=text]').last().fill('More time to plan <b>please</b>');
  await pulse.getByRole('button', { name: 'Send anonymously' }).click();

  // Action.Execute: the card is replaced in place by the receipt, which echoes no answer (it stays in the
  // person's chat, under their name, for Microsoft 365 retention) and says when results open.
  await cardWith(page, 'Thank you, your answers are in');
  const thanks = page.locator('.ac-adaptiveCard', { hasText: 'Thank you, your answers are in' }).last();
  const text = await thanks.innerText();
  assert.match(text, /recorded anonymously/);
  assert.match(text, /Results open when the pulse closes/);
  assert.doesNotMatch(text, /More time to plan/);
  assert.doesNotMatch(text, /Priorities/);
  await page.screenshot({ path: artifacts('screenshots', 'playground-pulse-answered.png') });
});

const countOf = (page, text) => page.locator('.ac-adaptiveCard', { hasText: text }).count();

/** Types `text` in the compose box and waits for one more card holding `expect`. */
async function say(page, text, expect) {
  const before = await countOf(page, expect);
  const box = page.locator('[role=textbox][data-lexical-editor=true]');
  await box.click();
  await box.type(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
  await page.waitForFunction(([t, n]) => [...document.querySelectorAll('.ac-adaptiveCard')].filter(c => c.innerText.includes(t)).length > n, [expect, before], { timeout: 30000 });
  return page.locator('.ac-adaptiveCard', { hasText: expect }).last();
}

/**
 * Presses `button` on `card` and waits for a card holding `expect` that was not there before: the invoke's
 * answer replaces the pressed card in place; a command button (imBack) gets its answer as a new message.
 */
async function press(page, card, button, expect) {
  const before = await page.locator('.ac-adaptiveCard').evaluateAll(cards => cards.map(c => c.innerText));
  await card.getByRole('button', { name: button, exact: true }).first().click();
  const mark = 'c' + Math.random().toString(16).slice(2);
  await page.waitForFunction(([t, old, m]) => {
    const found = [...document.querySelectorAll('.ac-adaptiveCard')].find(c => c.innerText.includes(t) && !old.includes(c.innerText));
    found?.setAttribute('data-e2e', m);
    return Boolean(found);
  }, [expect, before, mark], { timeout: 30000 }).catch(async error => {
    const now = await page.locator('.ac-adaptiveCard').evaluateAll(cards => cards.map(c => c.innerText.slice(0, 160)));
    throw new Error(`"${button}" brought no card with "${expect}"; the last cards: ${JSON.stringify(now.slice(-2))}`, { cause: error });
  });
  return page.locator(`[data-e2e="${mark}"]`);
}

// `make run`'s demo holds a weekly pulse whose two runs closed with answers over k: results are there at once.
test('in the Playground the help card\'s "See results" opens the demo results with a trend, and Back returns to the list', async () => {
  const help = await say(page, 'help', 'What I can do for you');
  const list = await press(page, help, 'See results', 'Weekly engagement check-in');
  assert.match(await list.innerText(), /Pulse results/);
  assert.match(await list.innerText(), /closed /);

  const results = await press(page, list, 'Weekly engagement check-in', 'Trend across runs');
  const text = await results.innerText();
  assert.match(text, /Responses/);
  assert.match(text, /eNPS/);
  assert.match(text, /Run 1 .*Run 2|Run 2[\s\S]*Run 1|Run 1[\s\S]*Run 2/);
  await results.screenshot({ path: artifacts('screenshots', 'playground-results.png') });

  const again = await press(page, results, 'Back to the list', 'Weekly engagement check-in');
  assert.match(await again.innerText(), /Q3 strategy check-in/);
});

test('in the Playground every help button of an HR manager starts its task', async () => {
  const tasks = [
    ['Start a pulse', 'New pulse'],
    ['New programme', 'New skip-level programme'],
    ['Skip-level status', 'Demo skip-levels'],
    ['Recognise a manager', 'Recognise a manager'],
    ['Review nominations', 'Nominations to review'],
    ['Question board', 'Q3 company town hall'],
  ];
  for (const [button, expect] of tasks) {
    const help = await say(page, 'help', 'What I can do for you');
    const answer = await press(page, help, button, expect);
    const text = await answer.innerText();
    assert.doesNotMatch(text, /out of date|Not available to you|didn't catch that/, `${button} answered: ${text}`);
  }
  // No card anywhere in the chat names an API path: cards are for people.
  for (const card of await page.locator('.ac-adaptiveCard').all()) {
    assert.doesNotMatch(await card.innerText(), /\/api\//);
  }
  await page.screenshot({ path: artifacts('screenshots', 'playground-help-tasks.png') });
});

// Reloading the Playground starts a new conversation: the newcomer is greeted there again.
test('in the Playground a reload is a new conversation and is welcomed again', async () => {
  await page.reload();

  await cardWith(page, 'Welcome, Alex');
});
