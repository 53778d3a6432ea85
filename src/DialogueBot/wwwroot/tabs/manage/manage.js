// The management tab (HR and executives): every task they have, from Teams. Who the caller is comes from
// /api/me; whether they may do something is decided by each endpoint (a manager's first call answers 403
// and the page says "not available to you"). Sections only HR may use are shown to HR only, and their
// endpoints refuse anyone else all the same.
import { apiFetch } from '/tabs/tab-auth.js';
import { $, notice } from './manage-common.js';
import { initPulses } from './pulses.js';
import { initTownHalls } from './townhalls.js';
import { initSkipLevel } from './skiplevel.js';
import { initOrg } from './org.js';
// CONSULTATIONS: import and start the consultations section here once /api/consultations exists.

const NOT_ALLOWED = 'The management tab is for HR and executives. Type “help” in your chat with the bot to see what you can do.';

function refused(e) {
  $('title').textContent = e.status === 401 ? 'Sign-in needed' : e.status === 403 ? 'Not available to you' : 'Could not load';
  $('meta').textContent = '';
  $('sections').hidden = true;
  for (const panel of document.querySelectorAll('.panel')) panel.hidden = true;
  notice(e.status === 401 ? 'Not signed in' : e.status === 403 ? 'Not allowed' : 'Problem',
    e.status === 401 ? 'You are not signed in. Open this tab in Microsoft Teams, or reload it to sign in again.' : e.status === 403 ? NOT_ALLOWED : e.message);
  document.body.dataset.denied = String(e.status || '');
}

async function loadRecognition() {
  $('recognition').hidden = false;
  try {
    const pending = await apiFetch('/api/recognition/nominations?state=pending');
    $('recognition-meta').textContent = `${pending.length} nomination${pending.length === 1 ? '' : 's'} waiting for review.`;
  } catch (e) {
    $('recognition-meta').textContent = e.message;
  }
}

async function start() {
  try {
    const me = await apiFetch('/api/me');
    const isHr = me.roles.includes('hr');
    $('title').textContent = 'Manage';
    $('meta').textContent = `${me.name} · ${me.roles.length ? me.roles.join(', ') : 'no role'}`;
    // The first call that needs HR or an executive: a manager is refused here by the server.
    const units = await apiFetch('/api/org/units');
    await initPulses(units);
    await initTownHalls(units);
    if (isHr) await initSkipLevel(units);
    else for (const hrOnly of document.querySelectorAll('[data-role=hr]')) hrOnly.hidden = true;
    await initOrg(isHr);
    await loadRecognition();
    $('sections').hidden = false;
    document.body.dataset.state = 'ready';
  } catch (e) {
    refused(e);
  }
  document.body.dataset.loaded = 'true';
}

await start();
