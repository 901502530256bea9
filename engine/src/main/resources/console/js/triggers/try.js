// The Try panel of the trigger page: POST /triggers/{id}/try runs the code in the editor on a recorded
// event (GET /events?type=<its type>) or on one written here, as a dry run: reads answer from last-known
// values, every other call is listed instead of done. Shows the calls, log lines, reply and error.

import { api, query, ApiError } from '../api.js';
import { h, fill, ago, pill, busy } from '../dom.js';
import { brief, logRow } from './common.js';

const CUSTOM = 'custom';

/**
 * `page` gives what the panel needs from the page: id() (null while unsaved), code(), filterType(),
 * type(), genericSample(), jump(line), runProblem(error or null), compileProblem(ApiError).
 */
export function tryPanel(page) {
  const events = h('select', { id: 'trigger-try-event', 'aria-label': 'event to try on' });
  const custom = h('textarea', { id: 'trigger-try-custom', rows: 6, spellcheck: 'false', class: 'hidden',
    'aria-label': 'event to try on, as JSON' });
  const run = h('button', { class: 'primary', id: 'trigger-try-run' }, 'Try');
  const reloadEvents = h('button', { class: 'link', id: 'trigger-try-events', title: 'list the newest events again' }, 'newer events');
  const result = h('div', { id: 'trigger-try-result', class: 'try-result' });
  const note = h('span', { class: 'muted', id: 'trigger-try-note' });
  let listedFor = null;

  const element = h('section', { class: 'panel try', id: 'trigger-try' },
    h('div', { class: 'panel-head' }, h('h2', null, 'Try'),
      h('span', { class: 'muted' }, 'a dry run of the code in the editor: reads answer from last-known values; device calls, HTTP, reports and writes are listed, not done')),
    h('div', { class: 'row' }, h('label', null, 'On', events), reloadEvents, run, note),
    custom,
    result);

  events.addEventListener('change', () => {
    custom.classList.toggle('hidden', events.value !== CUSTOM);
    if (events.value === CUSTOM && !custom.value.trim()) custom.value = template();
  });
  reloadEvents.addEventListener('click', () => busy(reloadEvents, () => list(true)));
  run.addEventListener('click', () => busy(run, go));

  /** Lists recorded events of the trigger's type (any type for a library), newest first. */
  async function list(force) {
    const type = page.type() === 'library' ? '' : page.filterType();
    if (!force && listedFor === type) return;
    listedFor = type;
    const keep = events.value;
    let items = [];
    try {
      items = (await api('/events' + query({ type, limit: 50 }))).items;
    } catch (e) {
      fill(note, e.message);
    }
    items.reverse();
    fill(events, items.map((e) => h('option', { value: e.id }, label(e))),
      h('option', { value: CUSTOM }, 'an event written here…'));
    if ([...events.options].some((o) => o.value === keep)) events.value = keep;
    else if (!items.length) events.value = CUSTOM;
    fill(note, items.length ? '' : 'no recorded ' + (type || '') + ' event yet: write one');
    events.dispatchEvent(new Event('change'));
  }

  function template() {
    const type = page.filterType();
    const data = type === 'generic' ? { source: 'http', data: page.genericSample() || {} } : {};
    return JSON.stringify({ type, endpoint: 'dev-1', data }, null, 2);
  }

  async function go() {
    const id = page.id();
    if (!id) {
      fill(result, h('p', { class: 'muted' }, 'Save the trigger first: a dry run needs a saved trigger (its code can still be edited).'));
      return;
    }
    const body = { def: page.code() };
    if (events.value === CUSTOM) {
      try {
        body.event = JSON.parse(custom.value);
      } catch (e) {
        fill(result, h('p', { class: 'error' }, 'The event is not JSON: ' + e.message));
        return;
      }
    } else if (events.value) {
      body.eventId = events.value;
    } else {
      fill(result, h('p', { class: 'muted' }, 'Pick an event.'));
      return;
    }
    fill(result, h('p', { class: 'muted' }, 'running…'));
    let answer;
    try {
      answer = await api('/triggers/' + encodeURIComponent(id) + '/try', { method: 'POST', body });
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.details && e.details.line) {
        page.compileProblem(e);
        fill(result, h('p', { class: 'error' }, 'Not run: the code does not compile (see above).'));
        return;
      }
      fill(result, h('p', { class: 'error' }, e.message));
      return;
    }
    page.runProblem(answer.error && answer.error.line ? answer.error : null);
    show(answer);
  }

  function show(a) {
    const calls = a.calls || [];
    const logs = a.logs || [];
    fill(result,
      h('div', { class: 'row try-summary' },
        pill(a.status, a.status === 'ok' ? 'succeeded' : 'failed'),
        h('span', { class: 'muted' }, a.durationMs + ' ms, ' + a.cpuMs + ' ms of CPU'),
        h('span', { class: 'muted' }, calls.length + ' call' + (calls.length === 1 ? '' : 's') + ', ' + logs.length + ' log line' + (logs.length === 1 ? '' : 's')),
        a.dropped && (a.dropped.calls || a.dropped.logs)
          ? h('span', { class: 'warn' }, 'left out: ' + a.dropped.calls + ' calls, ' + a.dropped.logs + ' log lines') : null),
      a.error ? h('p', { class: 'error try-error' },
        a.error.line ? h('button', { class: 'link', onclick: () => page.jump(a.error.line) }, 'line ' + a.error.line) : null,
        ' ' + a.error.message) : null,
      h('h3', null, 'Calls'),
      calls.length ? h('table', { class: 'try-calls' },
        h('thead', null, h('tr', null, h('th', null, 'Call'), h('th', null, 'Arguments'), h('th', null, ''), h('th', null, 'Answer'))),
        h('tbody', null, calls.map((c) => h('tr', null,
          h('td', { class: 'mono' }, c.fn),
          h('td', null, json(c.args)),
          h('td', null, h('span', { class: 'pill ' + (c.done ? 'succeeded' : 'waiting'), title: c.done ? 'only reads what the server holds: done' : 'recorded, not done' }, c.done ? 'done' : 'recorded')),
          h('td', null, c.error ? h('span', { class: 'error' }, c.error) : json(c.result))))))
        : h('p', { class: 'muted' }, 'No calls beyond the script.'),
      h('h3', null, 'Log lines'),
      logs.length ? h('div', { class: 'log-lines' }, logs.map((l) => logRow(l))) : h('p', { class: 'muted' }, 'Nothing logged.'),
      h('h3', null, 'Reply'),
      a.replied ? json(a.reply, true) : h('p', { class: 'muted' }, 'No trigger.reply.'));
  }

  /** The header's "Try on event" button: bring the panel into view and run it on the chosen event. */
  async function tryNow() {
    element.scrollIntoView({ block: 'start' });
    await list(false);
    run.click();
  }

  return { element, list, tryNow };
}

function label(e) {
  const parts = ['#' + e.id, e.type];
  if (e.endpoint && e.endpoint.key) parts.push(e.endpoint.key);
  if (e.data && e.data.source) parts.push(e.data.source + (e.data.path ? ' ' + e.data.path : ''));
  parts.push(ago(e.ts));
  return parts.join(' · ');
}

/** A value as JSON: short ones inline, long ones folded. */
function json(value, open) {
  const text = JSON.stringify(value === undefined ? null : value, null, 2);
  if (text.length < 120 && !open) return h('code', null, JSON.stringify(value === undefined ? null : value));
  return h('details', { class: 'json', open: open || null }, h('summary', null, brief(value, 100)), h('pre', null, text));
}
