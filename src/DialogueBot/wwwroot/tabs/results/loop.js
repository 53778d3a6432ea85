// "Closing the loop" on the results tab: a reply box under each comment whose author opted in to anonymous
// replies (the API's commentThreads, aligned with comments), and the run's summary with its actions and
// follow-through figures beside the results. Nothing here derives a figure or an identity the API did not
// send; everything people wrote goes on the page with textContent.
import { apiFetch } from '/tabs/tab-auth.js';

const $ = id => document.getElementById(id);

function replyBox(runId, threadId) {
  const wrap = document.createElement('div');
  wrap.className = 'reply';
  const text = document.createElement('textarea');
  text.maxLength = 1000;
  text.placeholder = 'Reply to the author (they see your name, you never see theirs unless they choose)';
  const send = document.createElement('button');
  send.type = 'button';
  send.textContent = 'Reply to the author';
  const status = document.createElement('span');
  status.className = 'reply-status';
  status.setAttribute('role', 'status');
  // One id per reply typed here, so a retried request is stored once.
  let messageId = crypto.randomUUID().replaceAll('-', '');
  send.addEventListener('click', async () => {
    send.disabled = true;
    try {
      await apiFetch(`/api/loop/threads/${encodeURIComponent(runId)}/${encodeURIComponent(threadId)}/replies`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ messageId, text: text.value }),
      });
      status.textContent = 'Sent to the author’s chat.';
      text.value = '';
      messageId = crypto.randomUUID().replaceAll('-', '');
    } catch (e) {
      status.textContent = e.message;
    } finally {
      send.disabled = false;
    }
  });
  wrap.append(text, send, status);
  return wrap;
}

function addReplyBoxes(view) {
  const items = [...$('questions').children];
  view.questions.forEach((q, i) => {
    const comments = items[i]?.querySelectorAll('.comments > li') ?? [];
    (q.commentThreads ?? []).forEach((threadId, j) => {
      if (threadId && comments[j]) comments[j].append(replyBox(view.runId, threadId));
    });
  });
}

function hours(h) {
  return h < 48 ? `${h} h` : `${Math.round(h / 2.4) / 10} days`;
}

function describeFigures(f) {
  const parts = [f.hoursToSummary === null ? 'no summary yet' : `summary ${hours(f.hoursToSummary)} after the close`];
  if (f.questionsAsked > 0) parts.push(`${f.questionsAnswered} of ${f.questionsAsked} opted-in comments answered` + (f.medianHoursToAnswer === null ? '' : ` (median ${hours(f.medianHoursToAnswer)})`));
  if (f.actions > 0) parts.push(`${f.actionsDone} of ${f.actions} actions done, ${f.actionsDoneOnTime} on time`);
  return 'Follow-through: ' + parts.join(' · ');
}

export async function showLoop(view) {
  if (view.status === 'Ready') addReplyBoxes(view);
  const section = $('loop');
  let loop;
  try {
    loop = await apiFetch(`/api/loop/pulse/${encodeURIComponent(view.runId)}`);
  } catch {
    section.hidden = true;
    return;
  }
  section.hidden = !loop.summary && !loop.figures;
  $('loop-heard').textContent = loop.summary ? loop.summary.heard : 'No summary has been published for this run yet.';
  $('loop-actions').replaceChildren(...loop.actions.map(a => {
    const li = document.createElement('li');
    li.dataset.status = a.status;
    li.textContent = `${a.title} · due ${new Date(a.due).toLocaleDateString()} · ${a.status === 'inProgress' ? 'in progress' : a.status}` + (a.reason ? ` (${a.reason})` : '');
    return li;
  }));
  $('loop-figures').textContent = loop.figures ? describeFigures(loop.figures) : '';
}
