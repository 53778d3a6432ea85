// The whole path a person takes, in Microsoft's own Teams-like client: the Playground installs the bot,
// the demo pulse arrives and is answered in place, and "help" answers with the help card.
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
