// Renders every card the C# tests catalogued (artifacts/cards/*.json) with the official Adaptive Cards
// renderer (npm adaptivecards) in headless Chromium, with a Teams-like host config. A card passes when
// the renderer parses it without a single warning or error and draws it; a screenshot of each is saved
// to artifacts/screenshots/cards/ (`make screenshots` copies them into docs/screenshots/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, localOnly, root, artifacts } from './lib/harness.mjs';

const catalog = join(root, 'artifacts', 'cards');
const cards = existsSync(catalog) ? readdirSync(catalog).filter(f => f.endsWith('.json')).sort() : [];
let browser, page;

before(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 560, height: 900 }, deviceScaleFactor: 1 });
  await localOnly(page);
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;padding:16px;background:#f5f5f5;font-family:"Segoe UI",system-ui,sans-serif} #card{width:500px;background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.2)} .ac-pushButton{padding:6px 12px;border:1px solid #d1d1d1;border-radius:4px;background:#fff;font-weight:600;cursor:pointer} .ac-input{font:inherit}</style></head><body><div id="card"></div></body></html>');
  await page.addStyleTag({ path: join(root, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.css') }).catch(() => {});
  await page.addScriptTag({ path: join(root, 'node_modules', 'markdown-it', 'dist', 'browser', 'markdown-it.umd.min.js') });
  await page.addScriptTag({ path: join(root, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js') });
  const hostConfig = JSON.parse(readFileSync(join(root, 'tests', 'e2e', 'lib', 'teams-host-config.json'), 'utf8'));
  await page.evaluate(config => {
    const md = window.markdownit();
    window.AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = md.render(text);
      result.didProcess = true;
    };
    window.renderCard = json => {
      const events = [];
      const card = new window.AdaptiveCards.AdaptiveCard();
      card.hostConfig = new window.AdaptiveCards.HostConfig(config);
      const context = new window.AdaptiveCards.SerializationContext();
      card.parse(json, context);
      for (let i = 0; i < context.eventCount; i++) {
        const e = context.getEventAt(i);
        events.push(`parse: ${e.message}`);
      }
      const validation = card.validateProperties();
      for (const e of validation.validationEvents) events.push(`validate: ${e.message}`);
      const host = document.getElementById('card');
      host.innerHTML = '';
      const element = card.render();
      if (element) host.appendChild(element);
      return { events, rendered: !!element, text: host.innerText };
    };
  }, hostConfig);
});

after(async () => { await browser?.close(); });

test('the card catalog exists (the C# tests write it)', () => {
  assert.ok(cards.length > 0, `No cards in ${catalog}: run the .NET tests first (make test does).`);
});

for (const file of cards) {
  test(`renders ${file}`, async () => {
    const json = JSON.parse(readFileSync(join(catalog, file), 'utf8'));
    const result = await page.evaluate(card => window.renderCard(card), json);
    assert.deepEqual(result.events, [], `the renderer reported problems with ${file}`);
    assert.ok(result.rendered, 'the renderer produced no element');
    assert.ok(result.text.trim().length > 0, 'the rendered card shows no text');
    await page.locator('#card').screenshot({ path: artifacts('screenshots', 'cards', file.replace(/\.json$/, '.png')) });
  });
}
