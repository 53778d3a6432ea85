// The org chart section: the chart in force (HR and executives), the CSV import (HR) through the existing
// import endpoint, and, when Entra ID sync is configured, a sync on demand and HR's review of a large change
// (the same decision as the review card's Apply / Not now). The API checks HR on every call.
import { apiFetch } from '/tabs/tab-auth.js';
import { $, notice, showErrors, element, formatWhen } from './manage-common.js';

function renderSummary(summary) {
  const figures = [['People', summary.people], ['Managers', summary.managers], ['Executives', summary.executives], ['HR', summary.hr], ['Without a Teams identity', summary.withoutTeamsIdentity]];
  $('org-summary').replaceChildren(...figures.map(([label, value]) => {
    const div = document.createElement('div');
    div.append(element('dt', label), element('dd', value));
    return div;
  }));
}

async function importCsv(event) {
  event.preventDefault();
  const file = $('org-file').files[0];
  if (!file) {
    showErrors($('org-errors'), new Error('Choose the org chart CSV file first.'));
    return;
  }
  $('org-import').disabled = true;
  try {
    const summary = await apiFetch('/api/org/import', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: await file.text() });
    $('org-errors').replaceChildren();
    renderSummary(summary);
    notice('Org chart imported', `${summary.people} people, ${summary.managers} managers. The new chart is in force for everything from now on.`);
    document.body.dataset.state = 'org-imported';
  } catch (e) {
    showErrors($('org-errors'), e);
    document.body.dataset.state = 'org-invalid';
  } finally {
    $('org-import').disabled = false;
  }
}

/** Entra ID sync: shown only where the API has it (Graph:Enabled); otherwise the CSV import is the way. */
async function loadGraph() {
  let status;
  try {
    status = await apiFetch('/api/org/graph/status');
  } catch (e) {
    $('graph').hidden = false;
    $('graph-status').textContent = e.status === 404
      ? 'Entra ID sync is not configured for this app (Graph:Enabled); import a CSV instead.'
      : `The sync status could not be read: ${e.message}`;
    for (const id of ['graph-sync', 'graph-apply', 'graph-reject']) $(id).hidden = true;
    return;
  }
  $('graph').hidden = false;
  $('graph-sync').hidden = false;
  const waiting = status.waitingForApproval;
  const last = status.lastAppliedAt ? `Last applied ${formatWhen(status.lastAppliedAt)}.` : 'Not applied yet.';
  $('graph-status').textContent = waiting
    ? `${last} Waiting for HR: ${waiting.joined} joined, ${waiting.left} left, ${waiting.moved} moved (found ${formatWhen(waiting.proposedAt)}).`
    : `${last} Nothing waiting for review.`;
  $('graph-apply').hidden = $('graph-reject').hidden = !waiting;
  $('graph-apply').onclick = () => review(waiting.proposalId, 'apply');
  $('graph-reject').onclick = () => review(waiting.proposalId, 'reject');
}

async function review(proposalId, decision) {
  try {
    const answer = await apiFetch(`/api/org/graph/proposals/${encodeURIComponent(proposalId)}/${decision}`, { method: 'POST' });
    notice(answer.outcome === 'applied' ? 'Changes applied' : 'Set aside', answer.outcome === 'applied'
      ? `${answer.joined} joined, ${answer.left} left, ${answer.moved} moved.` : 'The next sync proposes the changes again if they are still there.');
  } catch (e) {
    notice('Not changed', e.message);
  }
  await Promise.all([loadGraph(), apiFetch('/api/org/summary').then(renderSummary)]);
}

async function syncNow() {
  try {
    await apiFetch('/api/org/graph/sync', { method: 'POST' });
    notice('Sync started', 'The org chart is read from Entra ID now; a large change waits here (and in your chat) for review.');
  } catch (e) {
    notice('Not started', e.message);
  }
}

export async function initOrg(isHr) {
  $('org').hidden = false;
  renderSummary(await apiFetch('/api/org/summary'));
  if (!isHr) return;
  $('org-form').hidden = false;
  $('org-form').addEventListener('submit', importCsv);
  $('graph-sync').addEventListener('click', syncNow);
  await loadGraph();
}
