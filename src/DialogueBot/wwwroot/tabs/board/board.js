// The question board tab: ranked by votes (pinned first), then by asking order, refreshed every few
// seconds so a projector in the room follows the votes live. All text from people is put on the page
// with textContent, never as HTML.
import { apiFetch } from '/tabs/tab-auth.js';

const POLL_MS = 2500;
const params = new URLSearchParams(location.search);
let townHallId = params.get('townHall');
let filter = params.get('filter') || 'open';
let lastPositions = new Map();
let timer = null;

const $ = id => document.getElementById(id);

// Asker tokens: the API returns one, once, when a question is asked from this browser; it is the only proof
// that an anonymous question is yours (the server keeps its hash, never who asked). Kept per town hall in
// localStorage and sent as a header, so "mine" can be worked out without the server knowing the asker.
const tokenKey = id => `dialoguebot.askerTokens.${id}`;
export function storedTokens(id) {
  try { return JSON.parse(localStorage.getItem(tokenKey(id)) || '[]').filter(t => typeof t === 'string'); } catch { return []; }
}
export function rememberToken(id, token) {
  if (!token) return;
  const tokens = storedTokens(id);
  if (!tokens.includes(token)) localStorage.setItem(tokenKey(id), JSON.stringify([...tokens, token].slice(-50)));
}

function formatDate(iso) {
  return new Date(iso).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

// Without a town hall in the address, the tab shows the one the "questions" card shows: the first the
// server lists (the same order decides both). With several, a picker lets the person switch.
async function pickTownHall() {
  const list = await apiFetch('/api/townhalls');
  const picker = $('hall-picker');
  $('picker').hidden = list.length < 2;
  picker.replaceChildren(...list.map(h => {
    const option = document.createElement('option');
    option.value = h.id;
    option.textContent = `${h.title} · ${formatDate(h.eventAt)}`;
    return option;
  }));
  const chosen = townHallId && list.some(h => h.id === townHallId) ? townHallId : list[0]?.id ?? null;
  if (chosen) picker.value = chosen;
  return townHallId || chosen;
}

$('hall-picker').addEventListener('change', async event => {
  townHallId = event.target.value;
  lastPositions = new Map();
  await refresh();
  schedule();
});

// Host controls: shown when the server says the viewer may moderate (canModerate), and checked again by
// the server on every press; the page never decides a role.
async function moderate(q, action, fields = {}) {
  try {
    await apiFetch(`/api/townhalls/${encodeURIComponent(townHallId)}/questions/${encodeURIComponent(q.id)}/moderation`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action, ...fields }),
    });
    $('status').textContent = '';
  } catch (e) {
    $('status').textContent = e.message;
  }
  await refresh(true);
}

function hostControls(item, q) {
  const host = item.querySelector('.host');
  host.hidden = false;
  const live = q.state === 'open' || q.state === 'pending';
  const pin = item.querySelector('.pin');
  pin.hidden = q.state !== 'open';
  pin.textContent = q.pinned ? 'Unpin' : 'Pin';
  pin.addEventListener('click', () => moderate(q, q.pinned ? 'unpin' : 'pin'));
  item.querySelector('.host-answer').hidden = !live;
  item.querySelector('.host-dismiss').hidden = !live;
  item.querySelector('.publish').addEventListener('click', () => moderate(q, 'answer', {
    text: item.querySelector('.answer-input').value, link: item.querySelector('.link-input').value || null,
  }));
  item.querySelector('.dismiss').addEventListener('click', () => moderate(q, 'dismiss', { text: item.querySelector('.reason-input').value }));
}

// A host typing an answer or a reason keeps what they typed: the live refresh waits until they are done.
function hostIsTyping() {
  return [...document.querySelectorAll('.host details[open]')].length > 0;
}

function render(board) {
  const hall = board.townHall;
  $('title').textContent = hall.title;
  const window = hall.isOpen ? `questions open until ${formatDate(hall.closesAt)}` : 'questions closed';
  $('meta').textContent = `Event ${formatDate(hall.eventAt)} · ${window} · ${board.questions.length} ${filter} question${board.questions.length === 1 ? '' : 's'}`;
  document.title = `${hall.title} · Question board`;

  const list = $('questions');
  const template = $('question-template');
  const positions = new Map();
  list.replaceChildren(...board.questions.map((q, index) => {
    const item = template.content.firstElementChild.cloneNode(true);
    item.dataset.id = q.id;
    item.dataset.rank = String(index + 1);
    item.classList.toggle('pinned', q.pinned);
    item.querySelector('.count').textContent = String(q.votes);
    item.querySelector('.label').textContent = q.votes === 1 ? 'vote' : 'votes';
    item.querySelector('.text').textContent = q.text;
    // The place on the board is the order of the list (and its number, read out); the stored question
    // number is not shown: it only says in which order questions came in, and looked like a rank.
    const parts = [q.author ?? 'Anonymous'];
    if (q.pinned) parts.push('pinned');
    if (q.mine) parts.push('yours');
    if (q.state === 'pending') parts.push('awaiting approval');
    item.querySelector('.byline').textContent = parts.join(' · ');
    const vote = item.querySelector('.vote');
    vote.hidden = q.state !== 'open';
    vote.setAttribute('aria-pressed', String(q.voted));
    vote.textContent = q.voted ? '✓ Voted' : '▲ Upvote';
    vote.addEventListener('click', () => toggleVote(q));
    if (q.answer || q.answerLink) {
      const answer = item.querySelector('.answer');
      answer.hidden = false;
      answer.querySelector('.answer-text').textContent = q.answer ?? '';
      if (q.answerLink && q.answerLink.startsWith('https://')) {
        const link = answer.querySelector('.answer-link');
        link.href = q.answerLink;
        link.hidden = false;
      }
    }
    if (q.dismissReason) {
      const dismissed = item.querySelector('.dismissed');
      dismissed.hidden = false;
      dismissed.textContent = `Dismissed: ${q.dismissReason}`;
    }
    if (hall.canModerate) hostControls(item, q);
    positions.set(q.id, index);
    if (lastPositions.has(q.id) && lastPositions.get(q.id) > index) item.classList.add('moved');
    return item;
  }));
  lastPositions = positions;
  renderWins(board.wins || []);
  $('status').textContent = board.questions.length ? '' : (filter === 'open' ? 'No questions yet. Ask one in Teams with “ask …”.' : 'Nothing here yet.');
}

// Featured wins of managers (the recognition feature), nominated by name: shown as text, never as HTML.
function renderWins(wins) {
  $('wins').hidden = wins.length === 0;
  $('win-list').replaceChildren(...wins.map(w => {
    const item = document.createElement('li');
    const title = document.createElement('strong');
    title.textContent = `${w.managerName} · ${w.category}`;
    const story = document.createElement('p');
    story.textContent = w.story;
    const byline = document.createElement('p');
    byline.className = 'byline';
    byline.textContent = `${w.orgUnit} · nominated by ${w.nominatedBy}`;
    item.append(title, story, byline);
    return item;
  }));
}

async function toggleVote(q) {
  try {
    await apiFetch(`/api/townhalls/${encodeURIComponent(townHallId)}/questions/${encodeURIComponent(q.id)}/vote`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ on: !q.voted }),
    });
  } catch (e) {
    $('status').textContent = e.message;
  }
  await refresh();
}

async function refresh(force = false) {
  if (!force && hostIsTyping()) return;
  try {
    if (!townHallId || !$('hall-picker').options.length) {
      townHallId = await pickTownHall();
      if (!townHallId) {
        $('title').textContent = 'No town hall yet';
        $('status').textContent = 'When a town hall is opened, its questions appear here.';
        return;
      }
    }
    const tokens = storedTokens(townHallId);
    const board = await apiFetch(`/api/townhalls/${encodeURIComponent(townHallId)}/questions?filter=${encodeURIComponent(filter)}`,
      tokens.length ? { headers: { 'X-Asker-Tokens': tokens.join(',') } } : undefined);
    render(board);
    $('live').classList.remove('offline');
    $('live-text').textContent = 'Live';
    document.body.dataset.loaded = 'true';
  } catch (e) {
    $('live').classList.add('offline');
    $('live-text').textContent = 'Reconnecting…';
    if (e.status === 403 || e.status === 404) $('status').textContent = e.message;
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(async () => { await refresh(); schedule(); }, POLL_MS);
}

for (const button of document.querySelectorAll('#filters button')) {
  button.setAttribute('aria-pressed', String(button.dataset.filter === filter));
  button.addEventListener('click', async () => {
    filter = button.dataset.filter;
    for (const b of document.querySelectorAll('#filters button')) b.setAttribute('aria-pressed', String(b === button));
    lastPositions = new Map();
    await refresh();
    schedule();
  });
}

document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });
await refresh();
schedule();
