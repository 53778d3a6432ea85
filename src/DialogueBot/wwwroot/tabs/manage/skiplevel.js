// The skip-level section (HR): create a programme, read its preview (every pair and week, who was left out
// and why) before anything is sent, launch the cycle, and follow completion per programme. The rules are
// the skip-level service's; this page shows what the API answers.
import { apiFetch, apiFetchBlob } from '/tabs/tab-auth.js';
import { $, notice, showErrors, element, row, fillUnits, checkedUnits, dateInputValue, jsonBody } from './manage-common.js';

const LABELS = { name: 'Name', scopeUnits: 'Scope', leaderLevels: 'Who leads', cadenceWeeks: 'Every (weeks)', meetingMinutes: 'Meeting', perWeekCap: 'At most a week', startDate: 'Starts', endDate: 'Ends', timeZone: 'Time zone', cycle: 'Cycle' };

let planned = null; // { programme, preview } of the programme just created, until it is launched

function defaults() {
  const monday = new Date();
  monday.setDate(monday.getDate() + ((8 - monday.getDay()) % 7 || 7));
  $('skiplevel-start').value = dateInputValue(monday);
  $('skiplevel-end').value = dateInputValue(new Date(monday.getTime() + 91 * 86400000));
}

function numberOf(id) {
  const value = $(id).value.trim();
  return value === '' ? null : Number(value);
}

function request() {
  const levels = $('skiplevel-levels').value.split(/[,\s]+/).filter(Boolean).map(Number);
  return {
    name: $('skiplevel-name').value,
    scopeUnits: checkedUnits($('skiplevel-units')),
    executivesLead: $('skiplevel-executives').checked,
    leaderLevels: levels,
    cadenceWeeks: numberOf('skiplevel-cadence'),
    meetingMinutes: numberOf('skiplevel-minutes'),
    perWeekCap: numberOf('skiplevel-cap'),
    startDate: $('skiplevel-start').value || null,
    endDate: $('skiplevel-end').value || null,
  };
}

function renderPlan({ programme, preview }) {
  $('skiplevel-plan').hidden = false;
  $('skiplevel-plan-heading').textContent = `Preview of “${programme.name}”, cycle ${preview.cycle}`;
  $('skiplevel-plan-meta').textContent = `${preview.pairs.length} pairs over ${preview.weeks.length} week(s). Nothing is sent until you launch.`;
  $('skiplevel-pairs').replaceChildren(...preview.pairs.map(p => row(p.leaderName, p.managerName + (p.rule === 'nearest-below' ? ' (nearest leader above)' : ''), p.week)));
  $('skiplevel-skipped').replaceChildren(...[...preview.skipped.map(s => `${s.name ?? 'Someone'} left out: ${s.reason}`), ...preview.notes].map(t => element('li', t)));
  $('skiplevel-launch').textContent = `Launch cycle ${preview.cycle}`;
}

async function create(event) {
  event.preventDefault();
  $('skiplevel-create').disabled = true;
  try {
    planned = await apiFetch('/api/skiplevel/programmes', jsonBody('POST', request()));
    $('skiplevel-errors').replaceChildren();
    renderPlan(planned);
    await loadProgrammes().catch(() => {}); // the change is made; a failed refresh of the list is not a failed create
    document.body.dataset.state = 'skiplevel-preview';
  } catch (e) {
    showErrors($('skiplevel-errors'), e, LABELS);
    document.body.dataset.state = 'skiplevel-invalid';
  } finally {
    $('skiplevel-create').disabled = false;
  }
}

async function launch() {
  if (!planned) return;
  const { programme, preview } = planned;
  try {
    // ?cycle= makes a repeated press a refusal rather than the launch of the next cycle.
    const plan = await apiFetch(`/api/skiplevel/programmes/${encodeURIComponent(programme.id)}/launch?cycle=${preview.cycle}`, { method: 'POST' });
    notice('Programme launched', `Cycle ${plan.cycle} of “${programme.name}”: ${plan.pairs.length} pairs get their prompt cards the week before they meet.`);
    $('skiplevel-plan').hidden = true;
    planned = null;
    await loadProgrammes().catch(() => {}); // the change is made; a failed refresh of the list is not a failed create
    document.body.dataset.state = 'skiplevel-launched';
  } catch (e) {
    notice('Not launched', e.message);
  }
}

async function showStatus(programme) {
  try {
    const status = await apiFetch(`/api/skiplevel/programmes/${encodeURIComponent(programme.id)}/status`);
    $('skiplevel-status').hidden = false;
    $('skiplevel-status-heading').textContent = `Follow-through of “${status.name}”`;
    $('skiplevel-status-meta').textContent = `${status.done} of ${status.pairs} meetings happened (${Math.round(status.completionRate * 100)}%); ${status.open} open, ${status.declined} declined, ${status.missed} missed, ${status.overdue.length} overdue.`;
    $('skiplevel-overdue').replaceChildren(...status.overdue.map(p => element('li', `Overdue: ${p.leaderName} and ${p.managerName}, week of ${p.week}`)));
    $('skiplevel-delivery').replaceChildren(...(await deliveryOf(programme.id, status.launchedCycle)).map(t => element('li', t)));
    $('skiplevel-csv').onclick = () => download(programme);
    $('skiplevel-status').scrollIntoView({ block: 'nearest' });
  } catch (e) {
    notice('Could not load the status', e.message);
  }
}

const ROUNDS = { 'skiplevel.prompt': 'Prompts', 'skiplevel.reminder': 'Reminders', 'skiplevel.followup': 'Follow-ups' };

/** Each launched cycle's delivery reports (prompts, reminders, follow-ups), with the names of those not reached. */
async function deliveryOf(programmeId, launchedCycle) {
  const lines = [];
  for (let cycle = 1; cycle <= launchedCycle; cycle++) {
    try {
      const rounds = await apiFetch(`/api/deliveries/skiplevel/${encodeURIComponent(programmeId)}/${cycle}`);
      for (const [kind, report] of Object.entries(rounds)) {
        const names = report.unreachable.map(p => p.name);
        lines.push(`Cycle ${cycle}, ${ROUNDS[kind] ?? kind}: ${report.summary}${names.length ? ` Not reached: ${names.join(', ')}.` : ''}`);
      }
    } catch {
      // A cycle with no pairs has no report.
    }
  }
  return lines;
}

async function download(programme) {
  // A plain link would carry no Teams SSO token: fetch the CSV as the signed-in person, then save it.
  const url = URL.createObjectURL(await apiFetchBlob(`/api/skiplevel/programmes/${encodeURIComponent(programme.id)}/status?format=csv`));
  const save = document.createElement('a');
  save.href = url;
  save.download = 'skip-level-status.csv';
  save.click();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function loadProgrammes() {
  const programmes = await apiFetch('/api/skiplevel/programmes');
  $('skiplevel-list').replaceChildren(...programmes.map(p => {
    const button = element('button', 'Show');
    button.type = 'button';
    button.setAttribute('aria-label', `Show the follow-through of ${p.name}`);
    button.addEventListener('click', () => showStatus(p));
    return row(p.name, `${p.launchedCycle} of ${p.cycles}`, button);
  }));
  if (programmes.length === 0) $('skiplevel-list').append(row('No programme yet.', '', ''));
}

export async function initSkipLevel(units) {
  fillUnits($('skiplevel-units'), units, 'skiplevel');
  defaults();
  $('skiplevel-form').addEventListener('submit', create);
  $('skiplevel-launch').addEventListener('click', launch);
  $('skiplevel').hidden = false;
  await loadProgrammes();
}
