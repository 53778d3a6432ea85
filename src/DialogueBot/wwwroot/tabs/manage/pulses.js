// The pulse section: HR and executives write their own questions, preview the card and its audience (the
// API checks every rule, k included, without creating anything), send it, and follow each run to its
// results in the Pulse results tab. The page never decides what is allowed; the API does.
import { apiFetch } from '/tabs/tab-auth.js';
import { $, notice, showErrors, element, link, row, formatWhen, fillUnits, checkedUnits, jsonBody } from './manage-common.js';

const CHOICE_KINDS = new Set(['singleChoice', 'multiChoice']);
const LABELS = { title: 'Title', questions: 'Questions', audience: 'Who gets it', 'audience.units': 'Who gets it', closesAt: 'Open for', body: 'Form' };
const KIND_TEXT = {
  rating: 'Strongly disagree 1 · 2 · 3 · 4 · 5 Strongly agree',
  enps: '0 · 1 · 2 · … · 10 (not at all likely → extremely likely)',
  text: 'A free-text answer',
};

let editors = 0;

function addQuestion(kind = 'rating', text = '') {
  const item = $('question-template').content.firstElementChild.cloneNode(true);
  const n = ++editors;
  const kindSelect = item.querySelector('.kind');
  kindSelect.value = kind;
  item.querySelector('.text').value = text;
  // Names that tell a screen reader which question each field belongs to.
  kindSelect.id = `question-${n}-kind`;
  item.querySelector('.text').id = `question-${n}-text`;
  item.querySelector('.choices').id = `question-${n}-choices`;
  item.querySelector('.required').id = `question-${n}-required`;
  const sync = () => {
    const choice = CHOICE_KINDS.has(kindSelect.value);
    item.querySelector('.choices-field').hidden = !choice;
    if (kindSelect.value === 'text') item.querySelector('.required').checked = false;
  };
  kindSelect.addEventListener('change', sync);
  item.querySelector('.remove').addEventListener('click', () => { item.remove(); renumber(); });
  sync();
  $('question-list').append(item);
  renumber();
  return item;
}

function renumber() {
  const items = [...$('question-list').children];
  items.forEach((item, i) => {
    item.querySelector('.question-label').textContent = `Question ${i + 1}`;
    item.querySelector('.remove').setAttribute('aria-label', `Remove question ${i + 1}`);
    item.querySelector('.remove').disabled = items.length === 1;
  });
}

/** The form as the API's PulseDraft: opens now, closes after the chosen number of days. */
function draft() {
  const days = Number($('pulse-days').value);
  const closesAt = Number.isFinite(days) && days > 0 ? new Date(Date.now() + days * 86400000).toISOString() : null;
  return {
    title: $('pulse-title').value,
    questions: [...$('question-list').children].map(item => {
      const kind = item.querySelector('.kind').value;
      const question = { kind, text: item.querySelector('.text').value, required: item.querySelector('.required').checked };
      if (CHOICE_KINDS.has(kind)) question.choices = item.querySelector('.choices').value.split('\n').map(c => c.trim()).filter(Boolean);
      return question;
    }),
    audience: { units: checkedUnits($('pulse-units')), managersOnly: $('pulse-managers').checked },
    closesAt,
  };
}

function renderPreview(pulse, audience) {
  $('pulse-preview').hidden = false;
  $('pulse-preview-title').textContent = pulse.title;
  const who = `${pulse.audience.managersOnly ? 'Managers' : 'Everyone'}${pulse.audience.units.length ? ' in ' + pulse.audience.units.join(', ') : ' in the whole organisation'}`;
  $('pulse-preview-audience').textContent = `${who}: ${audience} people get this card now, in their chat with the bot. Answers are anonymous.`;
  $('pulse-preview-questions').replaceChildren(...pulse.questions.map(q => {
    const li = element('li', null, 'preview-question');
    li.dataset.testid = 'preview-question';
    li.append(element('span', q.text + (q.required ? '' : ' (optional)')));
    const options = CHOICE_KINDS.has(q.kind) ? `${q.kind === 'multiChoice' ? 'Pick any: ' : 'Pick one: '}${q.choices.join(' · ')}` : KIND_TEXT[q.kind];
    li.append(element('div', options, 'options'));
    return li;
  }));
}

async function preview() {
  const pulse = draft();
  try {
    const checked = await apiFetch('/api/pulses/check', jsonBody('POST', pulse));
    $('pulse-errors').replaceChildren();
    renderPreview(pulse, checked.audience);
    document.body.dataset.state = 'pulse-preview';
    return true;
  } catch (e) {
    $('pulse-preview').hidden = true;
    showErrors($('pulse-errors'), e, LABELS);
    document.body.dataset.state = 'pulse-invalid';
    return false;
  }
}

async function send(event) {
  event.preventDefault();
  const pulse = draft();
  $('pulse-send').disabled = true;
  try {
    const created = await apiFetch('/api/pulses', jsonBody('POST', pulse));
    $('pulse-errors').replaceChildren();
    $('pulse-preview').hidden = true;
    notice('Pulse sent', `“${pulse.title}” goes to ${created.audience} people now and closes ${formatWhen(created.closesAt)}. Results open when it closes.`,
      { href: `/tabs/results/?pulse=${encodeURIComponent(created.id)}`, text: 'Open its results' });
    $('pulse-form').reset();
    $('question-list').replaceChildren();
    addQuestion();
    document.body.dataset.pulseId = created.id;
    await loadPulses().catch(() => {}); // the change is made; a failed refresh of the list is not a failed create
    document.body.dataset.state = 'pulse-sent';
  } catch (e) {
    showErrors($('pulse-errors'), e, LABELS);
    document.body.dataset.state = 'pulse-invalid';
  } finally {
    $('pulse-send').disabled = false;
  }
}

/** A run's delivery report line (counts only: a pulse report never names anyone), or a dash before it opens. */
async function deliveryOf(run) {
  if (run.status === 'scheduled') return '—';
  try {
    return (await apiFetch(`/api/deliveries/pulse-runs/${encodeURIComponent(run.id)}`)).pulse.summary;
  } catch {
    return '—';
  }
}

export async function loadPulses() {
  const pulses = await apiFetch('/api/pulses');
  const runs = pulses.flatMap(p => [...p.runs].reverse().map(r => ({ pulse: p, run: r })));
  const deliveries = await Promise.all(runs.map(({ run }) => deliveryOf(run)));
  const rows = runs.map(({ pulse: p, run: r }, i) => row(
    p.title, `#${r.sequence}`, r.status,
    r.audience ? `${r.audience} people` : '—',
    formatWhen(r.closesAt),
    deliveries[i],
    link(`/tabs/results/?pulse=${encodeURIComponent(p.id)}&run=${encodeURIComponent(r.id)}`, r.status === 'closed' ? 'Results' : 'Results (when closed)')));
  $('pulse-list').replaceChildren(...rows);
  if (rows.length === 0) $('pulse-list').append(row('No pulse yet.', '', '', '', '', '', ''));
  return pulses;
}

export async function initPulses(units) {
  fillUnits($('pulse-units'), units, 'pulse');
  addQuestion();
  $('add-question').addEventListener('click', () => addQuestion().querySelector('.text').focus());
  $('pulse-preview-button').addEventListener('click', preview);
  $('pulse-form').addEventListener('submit', send);
  $('pulses').hidden = false;
  await loadPulses();
}
