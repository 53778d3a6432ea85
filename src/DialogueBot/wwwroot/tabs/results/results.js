// The pulse results tab: lists the pulses and shows one run's results exactly as the API gives them. The
// server applies every anonymity rule (closed runs only, groups under k suppressed, filters that could be
// subtracted refused); this page never derives a figure the API did not send, and offers only the filters
// the API lists. Everything people wrote is put on the page with textContent, never as HTML.
import { apiFetch, apiFetchBlob } from '/tabs/tab-auth.js';
import { showLoop } from './loop.js';

const params = new URLSearchParams(location.search);
const state = { pulses: [], pulseId: params.get('pulse'), runId: params.get('run'), filter: params.get('filter') || 'all' };

const $ = id => document.getElementById(id);

const NOT_ALLOWED = 'Pulse results are for HR and executives. Managers answer pulses but do not read their results, so no one can narrow answers down to their own team.';
const NOT_SIGNED_IN = 'You are not signed in. Open this tab in Microsoft Teams, or reload it to sign in again.';

function formatDay(iso) {
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

function notice(title, text) {
  $('notice').hidden = !title;
  $('notice-title').textContent = title || '';
  $('notice-text').textContent = text || '';
}

/** A failed API call: 401 and 403 replace the whole page, anything else is told in the notice. */
function failed(e) {
  if (e.status === 401 || e.status === 403) {
    $('title').textContent = e.status === 401 ? 'Sign-in needed' : 'Not available to you';
    $('meta').textContent = '';
    $('controls').hidden = true;
    $('summary').hidden = true;
    $('questions').replaceChildren();
    $('trend').hidden = true;
    notice(e.status === 401 ? 'Not signed in' : 'Not allowed', e.status === 401 ? NOT_SIGNED_IN : NOT_ALLOWED);
    document.body.dataset.denied = String(e.status);
  } else {
    notice(e.status === 422 ? 'Filter not available' : 'Could not load the results', e.message);
  }
  document.body.dataset.loaded = 'true';
}

function resultsPath(format) {
  const query = new URLSearchParams();
  if (state.runId) query.set('run', state.runId);
  if (state.filter && state.filter !== 'all') query.set('filter', state.filter);
  if (format) query.set('format', format);
  const qs = query.toString();
  return `/api/pulses/${encodeURIComponent(state.pulseId)}/results${qs ? '?' + qs : ''}`;
}

function option(value, label, selected) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  o.selected = selected;
  return o;
}

function fillPulses() {
  $('pulse').replaceChildren(...state.pulses.map(p => option(p.id, p.title, p.id === state.pulseId)));
  const pulse = state.pulses.find(p => p.id === state.pulseId);
  const runs = pulse?.runs ?? [];
  $('run').replaceChildren(option('', 'Latest closed', !state.runId),
    ...runs.map(r => option(r.id, `#${r.sequence} · ${r.status} · closes ${formatDay(r.closesAt)}`, r.id === state.runId)));
  $('run').disabled = runs.length < 2;
}

function fillFilters(view) {
  // Only the groups the server says may be shown; "Everyone" is always the whole audience.
  const filters = [{ key: 'all', label: 'Everyone' }, ...view.filters];
  $('filter').replaceChildren(...filters.map(f => option(f.key, f.label, f.key === view.filter)));
  $('filter').disabled = filters.length < 2;
}

function renderQuestion(q) {
  const item = $('question-template').content.firstElementChild.cloneNode(true);
  item.dataset.kind = q.kind;
  item.querySelector('.text').textContent = q.text;
  if (q.suppressed) {
    item.classList.add('hidden-figures');
    const why = item.querySelector('.suppressed');
    why.hidden = false;
    why.textContent = `Not enough responses. ${q.suppressed}`;
    item.querySelector('.figures').remove();
    return item;
  }
  const parts = [`${q.answers} answer${q.answers === 1 ? '' : 's'}`];
  if (q.mean !== null && q.mean !== undefined) parts.push(`mean ${q.mean}`);
  if (q.enps !== null && q.enps !== undefined) parts.push(`eNPS ${q.enps > 0 ? '+' : ''}${q.enps}`);
  item.querySelector('.figures').textContent = parts.join(' · ');

  const widest = Math.max(1, ...q.distribution.map(b => b.count));
  item.querySelector('.bars').replaceChildren(...q.distribution.map(b => {
    const bar = $('bar-template').content.firstElementChild.cloneNode(true);
    bar.querySelector('.bar-label').textContent = b.label;
    bar.querySelector('.bar-fill').style.width = `${(100 * b.count) / widest}%`;
    bar.querySelector('.bar-count').textContent = String(b.count);
    return bar;
  }));
  item.querySelector('.comments').replaceChildren(...q.comments.map(text => {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  }));
  return item;
}

function render(view) {
  $('title').textContent = view.title;
  document.title = `${view.title} · Pulse results`;
  $('meta').textContent = `Run #${view.sequence} · closes ${formatDay(view.closesAt)} · ${view.filter === 'all' ? 'everyone' : view.message}`;
  $('controls').hidden = false;
  $('csv').href = resultsPath('csv');
  fillFilters(view);

  const ready = view.status === 'Ready';
  $('csv').hidden = !ready;
  if (view.status === 'NotEnoughResponses') notice('Not enough responses', view.message);
  else if (view.status === 'NotClosed') notice('Results are not open yet', view.message);
  else notice('', '');
  document.body.dataset.status = view.status;

  $('summary').hidden = !ready;
  $('respondents').textContent = view.respondents ?? '';
  $('rate').textContent = view.responseRate === null || view.responseRate === undefined ? '—' : `${view.responseRate}%`;
  $('audience').textContent = `${view.audienceCount} people`;
  $('questions').replaceChildren(...(ready ? view.questions.map(renderQuestion) : []));

  $('trend').hidden = view.trend.length < 2;
  $('trend-list').replaceChildren(...view.trend.map(t => {
    const li = document.createElement('li');
    li.textContent = `#${t.sequence} · ${t.day} · ${t.respondents} answered`;
    return li;
  }));
  $('footnote').textContent = `Figures appear only for groups of ${view.minimumGroupSize} or more people, and only after a pulse closes.`;
}

// The run's delivery report: counts only (a pulse report never names anyone; see docs/anonymity.md).
async function showDelivery(runId) {
  const line = $('delivery');
  try {
    const report = await apiFetch(`/api/deliveries/pulse-runs/${encodeURIComponent(runId)}`);
    line.textContent = report.pulse.summary;
    line.hidden = false;
  } catch {
    line.hidden = true;
  }
}

async function showResults() {
  let view;
  try {
    view = await apiFetch(resultsPath());
    render(view);
  } catch (e) {
    failed(e);
    return;
  }
  await showDelivery(view.runId);
  await showLoop(view);
  document.body.dataset.loaded = 'true';
}

async function start() {
  try {
    state.pulses = await apiFetch('/api/pulses');
  } catch (e) {
    failed(e);
    return;
  }
  if (!state.pulses.length) {
    $('title').textContent = 'No pulses yet';
    notice('Nothing to show', 'When HR or an executive sends a pulse and it closes, its results appear here.');
    document.body.dataset.loaded = 'true';
    return;
  }
  if (!state.pulses.some(p => p.id === state.pulseId)) {
    // The newest pulse that has closed at least once, else the newest.
    state.pulseId = (state.pulses.find(p => p.runs.some(r => r.status === 'closed')) ?? state.pulses[0]).id;
    state.runId = null;
  }
  fillPulses();
  await showResults();
}

$('pulse').addEventListener('change', async () => {
  state.pulseId = $('pulse').value;
  state.runId = null;
  state.filter = 'all';
  fillPulses();
  await showResults();
});
$('run').addEventListener('change', async () => {
  state.runId = $('run').value || null;
  state.filter = 'all';
  await showResults();
});
$('filter').addEventListener('change', async () => {
  state.filter = $('filter').value;
  await showResults();
});
$('csv').addEventListener('click', async event => {
  // A plain link would carry no Teams SSO token: fetch the CSV as the signed-in person, then save it.
  event.preventDefault();
  try {
    const url = URL.createObjectURL(await apiFetchBlob(resultsPath('csv')));
    const save = document.createElement('a');
    save.href = url;
    save.download = 'pulse-results.csv';
    save.click();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    failed(e);
  }
});

await start();
