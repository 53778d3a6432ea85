// The consultation tab: the brief and its why, the timeline, the live concern board (ranked by votes,
// refreshed every few seconds), and after the window closes the results for those who run it. Every figure
// comes from the API, which applies the anonymity rules itself; text from people goes in with textContent.
import { apiFetch } from '/tabs/tab-auth.js';

const POLL_MS = 3000;
const params = new URLSearchParams(location.search);
let consultationId = params.get('consultation');
let page = null;
let timer = null;

const $ = id => document.getElementById(id);
const when = iso => iso ? new Date(iso).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }) : '';
const OUTCOMES = { GoAhead: 'Going ahead as proposed', Changed: 'Going ahead, changed by your input', Paused: 'Paused', Withdrawn: 'Withdrawn' };

async function pick() {
  const list = await apiFetch('/api/consultations');
  if (!list.length) return null;
  if (list.length > 1) {
    $('picker').replaceChildren(...list.map(c => Object.assign(document.createElement('option'), { value: c.id, textContent: c.title })));
    $('picker-label').hidden = false;
  }
  const chosen = list.find(c => c.id === consultationId) ?? list[0];
  $('picker').value = chosen.id;
  return chosen.id;
}

function renderBrief(data) {
  const c = data.consultation;
  $('title').textContent = c.title;
  document.title = `${c.title} · Consultation`;
  $('meta').textContent = `${data.audience} · ${c.status === 'Open' ? `input open until ${when(c.closesAt)}` : 'input closed'}`;
  const b = data.brief;
  const sections = [['The proposal', b.proposal], ['Why', b.context], ['Options considered', b.optionsConsidered], ['Constraints', b.constraints], ['Open to your input', b.openToInput], ['Not open to input', b.notOpenToInput]];
  $('brief').replaceChildren(...sections.filter(([, text]) => text).flatMap(([title, text]) => [
    Object.assign(document.createElement('dt'), { textContent: title }),
    Object.assign(document.createElement('dd'), { textContent: text }),
  ]));
  $('timeline').replaceChildren(...data.timeline.map(step => {
    const item = document.createElement('li');
    item.className = step.done ? 'done' : 'planned';
    item.textContent = `${step.done ? 'Done' : 'Planned'}: ${step.label}${step.at ? ' · ' + when(step.at) : ''}${step.detail ? ' · ' + step.detail : ''}`;
    return item;
  }));
  $('outcome').hidden = !data.outcome;
  if (data.outcome) {
    $('outcome-text').textContent = OUTCOMES[data.outcome] ?? data.outcome;
    $('announcement').textContent = data.announcementAt ? `Announced company-wide on ${when(data.announcementAt)}.` : '';
    $('what-changed').textContent = data.whatChanged || '—';
    $('talking-points').textContent = data.talkingPoints || '—';
  }
  $('raise').hidden = !(c.consulted && c.status === 'Open');
  $('raise-anonymous').closest('label').hidden = !data.offersAnonymity;
}

function renderBoard(board) {
  const template = $('concern-template');
  $('concerns').replaceChildren(...board.items.map(q => {
    const item = template.content.firstElementChild.cloneNode(true);
    item.dataset.id = q.id;
    item.querySelector('.count').textContent = String(q.votes);
    item.querySelector('.label').textContent = q.votes === 1 ? 'vote' : 'votes';
    item.querySelector('.byline').textContent = `#${q.number} · ${q.kind} · ${q.author ?? 'Anonymous'}`;
    item.querySelector('.text').textContent = q.text;
    if (q.answer) {
      item.querySelector('.answer').hidden = false;
      item.querySelector('.answer-text').textContent = q.answer;
    }
    const vote = item.querySelector('.vote');
    vote.hidden = !board.canGiveInput;
    vote.setAttribute('aria-pressed', String(q.voted));
    vote.textContent = q.voted ? 'Voted' : 'Upvote';
    vote.setAttribute('aria-label', `${q.voted ? 'Take back your vote on' : 'Upvote'} item ${q.number}`);
    vote.addEventListener('click', async () => {
      await apiFetch(`/api/consultations/${consultationId}/concerns/${q.id}/vote`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ on: !q.voted }) });
      await refresh();
    });
    return item;
  }));
  if (!board.items.length) {
    $('concerns').replaceChildren(Object.assign(document.createElement('li'), { className: 'muted', textContent: 'Nothing raised yet.' }));
  }
}

async function renderResults(canManage) {
  $('results').hidden = !canManage;
  if (!canManage) return;
  const results = await apiFetch(`/api/consultations/${consultationId}/results`);
  $('results-message').textContent = results.message;
  const rows = results.views.map(v => {
    const row = document.createElement('tr');
    for (const text of [v.label, String(v.people), `${v.supportMean.toFixed(1)} / 5`, `${v.impactMean.toFixed(1)} / 5`]) {
      row.appendChild(Object.assign(document.createElement('td'), { textContent: text }));
    }
    return row;
  });
  $('results-table').hidden = rows.length === 0;
  $('results-table').querySelector('tbody').replaceChildren(...rows);
  $('volunteers').textContent = results.volunteers.length ? results.volunteers.map(p => p.name).join(', ') : 'Nobody yet.';
}

async function refresh() {
  try {
    page = await apiFetch(`/api/consultations/${consultationId}`);
    renderBrief(page);
    renderBoard(await apiFetch(`/api/consultations/${consultationId}/concerns`));
    await renderResults(page.consultation.canManage);
    $('status').textContent = '';
    document.body.dataset.loaded = 'true';
  } catch (error) {
    $('status').textContent = error.status === 403 ? 'This consultation is for another group of managers.' : `Could not load the consultation (${error.message}).`;
    document.body.dataset.loaded = 'true';
  }
}

$('raise').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    const body = { text: $('raise-text').value, kind: $('raise-kind').value, anonymous: $('raise-anonymous').checked, submitId: crypto.randomUUID(), force: true };
    const answer = await apiFetch(`/api/consultations/${consultationId}/concerns`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    $('raise-text').value = '';
    $('status').textContent = answer.message;
    await refresh();
  } catch (error) {
    $('status').textContent = error.message;
  }
});

$('picker').addEventListener('change', async () => {
  consultationId = $('picker').value;
  await refresh();
});

(async () => {
  try {
    consultationId = await pick();
  } catch (error) {
    $('status').textContent = `Could not load consultations (${error.message}).`;
    document.body.dataset.loaded = 'true';
    return;
  }
  if (!consultationId) {
    $('title').textContent = 'No consultation for you right now';
    document.body.dataset.loaded = 'true';
    return;
  }
  await refresh();
  timer = setInterval(refresh, POLL_MS);
})();

export const stopPolling = () => clearInterval(timer);
