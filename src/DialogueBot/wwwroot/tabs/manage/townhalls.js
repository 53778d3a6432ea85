// The town hall section: HR and executives open a reverse town hall (questions open now, close and take
// place when chosen) and go to its question board tab to moderate and answer. The API checks the role.
import { apiFetch } from '/tabs/tab-auth.js';
import { $, notice, showErrors, link, row, formatWhen, fillUnits, checkedUnits, localInputValue, jsonBody } from './manage-common.js';

const LABELS = { title: 'Title', closesAt: 'Questions close', eventAt: 'Takes place', audienceUnits: 'Who may ask', hostIds: 'Hosts' };

const boardHref = id => `/tabs/board/?townHall=${encodeURIComponent(id)}`;

function defaults() {
  const week = new Date(Date.now() + 7 * 86400000);
  week.setMinutes(0, 0, 0);
  $('townhall-closes').value = localInputValue(week);
  $('townhall-event').value = localInputValue(new Date(week.getTime() + 3600000));
}

const instant = value => (value ? new Date(value).toISOString() : null);

async function create(event) {
  event.preventDefault();
  const request = {
    title: $('townhall-title').value,
    audienceUnits: checkedUnits($('townhall-units')),
    closesAt: instant($('townhall-closes').value),
    eventAt: instant($('townhall-event').value),
    anonymousByDefault: $('townhall-anonymous').checked,
    preModeration: $('townhall-premoderation').checked,
    announce: $('townhall-announce').checked,
  };
  $('townhall-create').disabled = true;
  try {
    const created = await apiFetch('/api/townhalls', jsonBody('POST', request));
    $('townhall-errors').replaceChildren();
    notice('Town hall created', `“${created.title}” takes place ${formatWhen(created.eventAt)}; questions are open until ${formatWhen(created.closesAt)}.`,
      { href: boardHref(created.id), text: 'Open its question board' });
    $('townhall-form').reset();
    defaults();
    document.body.dataset.townHallId = created.id;
    await loadTownHalls().catch(() => {}); // the change is made; a failed refresh of the list is not a failed create
    document.body.dataset.state = 'townhall-created';
  } catch (e) {
    showErrors($('townhall-errors'), e, LABELS);
    document.body.dataset.state = 'townhall-invalid';
  } finally {
    $('townhall-create').disabled = false;
  }
}

/** The announcement's delivery report, with the names of those it could not reach (HR and executives may see them). */
async function announcementOf(townHall) {
  try {
    const { announcement } = await apiFetch(`/api/deliveries/townhalls/${encodeURIComponent(townHall.id)}`);
    const names = announcement.unreachable.map(p => p.name);
    return names.length ? `${announcement.summary} Not reached: ${names.join(', ')}.` : announcement.summary;
  } catch {
    return '—';
  }
}

export async function loadTownHalls() {
  const townHalls = await apiFetch('/api/townhalls');
  const deliveries = await Promise.all(townHalls.map(announcementOf));
  $('townhall-list').replaceChildren(...townHalls.map((t, i) => row(t.title, formatWhen(t.eventAt), t.isOpen ? `open until ${formatWhen(t.closesAt)}` : 'closed',
    deliveries[i], link(boardHref(t.id), t.canModerate ? 'Board and host controls' : 'Board'))));
  if (townHalls.length === 0) $('townhall-list').append(row('No town hall yet.', '', '', '', ''));
}

export async function initTownHalls(units) {
  fillUnits($('townhall-units'), units, 'townhall');
  defaults();
  $('townhall-form').addEventListener('submit', create);
  $('townhalls').hidden = false;
  await loadTownHalls();
}
