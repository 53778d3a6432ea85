// The Recognition tab (HR and executives): the nominations waiting for review, with approve, feature and
// decline (with a reason), and the overview: who has never been recognised, counts by unit and level. The
// server checks the role on every call; this page shows what it is given. Text from people goes on the page
// with textContent, never as HTML.
import { apiFetch } from '/tabs/tab-auth.js';

const $ = id => document.getElementById(id);

function notice(title, text) {
  $('notice').hidden = !title;
  $('notice-title').textContent = title || '';
  $('notice-text').textContent = text || '';
}

function formatDay(iso) {
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

function cells(row, values) {
  row.replaceChildren(...values.map(v => { const td = document.createElement('td'); td.textContent = String(v); return td; }));
  return row;
}

function renderQueue(pending) {
  $('queue-section').hidden = false;
  const template = $('nomination-template');
  $('queue').replaceChildren(...pending.map(n => {
    const item = template.content.firstElementChild.cloneNode(true);
    item.dataset.id = n.id;
    item.querySelector('.who').textContent = `${n.nomineeName} · ${n.categoryTitle}`;
    item.querySelector('.byline').textContent = `${n.nomineeUnit} · nominated by ${n.nominatorName} on ${formatDay(n.createdAt)}`;
    item.querySelector('.story').textContent = n.story;
    for (const button of item.querySelectorAll('button')) {
      button.addEventListener('click', () => review(n, button.dataset.action, item.querySelector('.reason').value));
    }
    return item;
  }));
  if (!pending.length) notice('Nothing waiting', 'Every nomination has been reviewed.');
}

function renderOverview(overview) {
  $('overview-section').hidden = false;
  $('overlooked-meta').textContent = `${overview.neverRecognised.length} of ${overview.managers} managers have not been recognised yet.`;
  $('overlooked').replaceChildren(...overview.neverRecognised.map(m => {
    const li = document.createElement('li');
    li.textContent = `${m.name} (${m.orgUnit}, level ${m.level})`;
    return li;
  }));
  $('by-unit').tBodies[0].replaceChildren(...overview.byUnit.map(u => cells(document.createElement('tr'), [u.unit || '(no unit)', u.nominations, u.people])));
  $('by-level').tBodies[0].replaceChildren(...overview.byLevel.map(l => cells(document.createElement('tr'), [l.level, l.nominations])));
}

async function review(nomination, action, reason) {
  try {
    await apiFetch(`/api/recognition/nominations/${encodeURIComponent(nomination.id)}/review`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action, reason: reason || null }),
    });
    notice('Done', `${nomination.nomineeName}: ${action === 'feature' ? 'featured' : action === 'approve' ? 'approved' : 'declined'}.`);
  } catch (e) {
    notice('Not changed', e.message);
  }
  await load();
}

async function load() {
  try {
    const [pending, overview] = await Promise.all([
      apiFetch('/api/recognition/nominations?state=pending'),
      apiFetch('/api/recognition/overview'),
    ]);
    $('title').textContent = 'Managers\u2019 recognition';
    $('meta').textContent = `${pending.length} waiting for review`;
    renderQueue(pending);
    renderOverview(overview);
  } catch (e) {
    $('title').textContent = e.status === 401 ? 'Sign-in needed' : e.status === 403 ? 'Not available to you' : 'Could not load';
    notice(e.status === 403 ? 'Not allowed' : 'Problem', e.status === 403 ? 'Reviewing nominations is for HR and executives. Type “recognise” in the chat to recognise a manager.' : e.message);
    document.body.dataset.denied = String(e.status || '');
  }
  document.body.dataset.loaded = 'true';
}

await load();
