// The whole path a person takes, in Microsoft's own Teams-like client: the Playground installs the bot,
// the user types "help", and the bot's help card is rendered in the chat.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAzurite, startBot, startPlayground, launchBrowser, localOnly, artifacts } from './lib/harness.mjs';

let storage, bot, playground, browser;

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
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await localOnly(page);
  await page.goto(playground.url);

  // Loading the page installs the bot for Alex Wilber: the welcome card arrives first.
  await cardWith(page, 'Welcome, Alex');
  await page.screenshot({ path: artifacts('screenshots', 'playground-welcome.png') });

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
