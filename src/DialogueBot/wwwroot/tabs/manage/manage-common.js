// Helpers the management tab's sections share. Everything that came from people or the org chart goes on
// the page with textContent, never as HTML.
export const $ = id => document.getElementById(id);

/** The page-wide status line: what just happened, with an optional link onwards (to the results or board tab). */
export function notice(title, text, link) {
  $('notice').hidden = !title;
  $('notice-title').textContent = title || '';
  $('notice-text').textContent = text || '';
  const a = $('notice-link');
  a.hidden = !link;
  if (link) {
    a.href = link.href;
    a.textContent = link.text;
  }
}

/** Shows the problems the API named for a form: its `errors` by field (ValidationProblem), or its one message. */
export function showErrors(list, error, labels = {}) {
  const problems = [];
  const byField = error?.problem?.errors;
  if (byField && !Array.isArray(byField)) {
    for (const [field, messages] of Object.entries(byField)) {
      for (const message of messages) problems.push(`${labelOf(field, labels)}: ${message}`);
    }
  } else if (Array.isArray(byField)) {
    // The org chart import: problems by line of the file.
    for (const e of byField) problems.push(`Line ${e.line}: ${e.message}`);
    if (error.problem.totalErrors > byField.length) problems.push(`… and ${error.problem.totalErrors - byField.length} more.`);
  }
  if (error && problems.length === 0) problems.push(error.message);
  list.replaceChildren(...problems.map(text => element('li', text)));
}

function labelOf(field, labels) {
  const question = /^questions\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (question) return `Question ${Number(question[1]) + 1}${question[2] ? ` (${question[2]})` : ''}`;
  return labels[field] || field;
}

export function element(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}

export function link(href, text) {
  const a = element('a', text);
  a.href = href;
  return a;
}

/** A table row of cells: strings become text, elements are put in as they are. */
export function row(...cells) {
  const tr = document.createElement('tr');
  tr.replaceChildren(...cells.map(c => {
    const td = document.createElement('td');
    if (c instanceof Node) td.append(c); else td.textContent = c === undefined || c === null ? '' : String(c);
    return td;
  }));
  return tr;
}

/** A date and time in the reader's own time zone and locale. */
export function formatWhen(iso) {
  return new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function formatDay(iso) {
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** One checkbox per org unit; none ticked means the whole organisation. */
export function fillUnits(container, units, prefix) {
  container.replaceChildren(...units.map((unit, i) => {
    const label = element('label', null, 'check');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = unit;
    box.id = `${prefix}-unit-${i}`;
    label.append(box, document.createTextNode(` ${unit}`));
    return label;
  }));
  if (units.length === 0) container.append(element('p', 'The org chart has no units yet.', 'hint'));
}

export const checkedUnits = container => [...container.querySelectorAll('input[type=checkbox]:checked')].map(b => b.value);

/** A value for a datetime-local input, in the reader's local time. */
export function localInputValue(date) {
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function dateInputValue(date) {
  return localInputValue(date).slice(0, 10);
}

export const jsonBody = (method, value) => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
