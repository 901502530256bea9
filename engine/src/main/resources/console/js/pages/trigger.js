// One trigger (#/triggers/{id}, or #/triggers/new): every field of its record, the script in a
// CodeMirror editor, start/stop, its recorded failures (a click shows the line), its log lines (polled)
// and a dry run on a recorded event (Try).
//
// Syntax problems are shown in #trigger-problem and marked on their line in the editor: while typing
// (POST /triggers/check, a moment after the last key: it compiles, never saves or runs) and when saving
// (a script that does not compile is a 400 whose details name the line).

import { api, ApiError } from '../api.js';
import { h, fill, ago, pill, busy, notify, css } from '../dom.js';
import { eventTypes, firstPage, logRow } from '../triggers/common.js';
import { createEditor } from '../triggers/editor.js';
import { triggerFields } from '../triggers/fields.js';
import { tryPanel } from '../triggers/try.js';

const CHECK_DELAY_MS = 700;
const LOG_POLL_MS = 2000;
const RECORD_POLL_MS = 5000;
const LOG_ROWS_KEPT = 300;

const STARTER = `// Runs on each event of the chosen type; "event" is {id, ts, type, endpoint: {key, name, tags}, data}.
log.info('got ' + event.type + ' from ' + event.endpoint.key, event.data);
`;

export default async function trigger(view) {
  css('/console/css/triggers.css');
  let id = view.params.id === 'new' ? null : view.params.id;
  let record = null;
  let snapshot = null; // what was saved, as the form reads it: to tell unsaved changes
  let problemKind = null; // what #trigger-problem shows: 'syntax', 'field' or null
  let checkTimer = null;
  let checking = null;
  let checked = null; // the code the last check was about

  const types = await eventTypes();
  if (!view.current()) return;

  const title = h('span', { id: 'trigger-title' });
  const status = h('span', { id: 'trigger-status' });
  const version = h('span', { class: 'muted', id: 'trigger-version' });
  const unsaved = h('span', { class: 'unsaved hidden', id: 'trigger-unsaved' }, 'unsaved changes');
  // what the last action did, said beside the buttons (a notice would cover them for seconds)
  const said = h('span', { class: 'said', id: 'trigger-said', role: 'status' });
  let saidTimer = null;
  const say = (text, kind) => {
    clearTimeout(saidTimer);
    fill(said, text);
    said.className = 'said ' + (kind || 'ok');
    saidTimer = setTimeout(() => fill(said), 6000);
  };
  const save = h('button', { class: 'primary', id: 'trigger-save', title: 'Save (Ctrl-S)' }, 'Save');
  const start = h('button', { id: 'trigger-start' }, 'Start');
  const stop = h('button', { id: 'trigger-stop' }, 'Stop');
  const remove = h('span', { class: 'row' });
  const problem = h('div', { id: 'trigger-problem', class: 'problem hidden', role: 'alert' });
  const checkState = h('span', { class: 'muted check-state', id: 'trigger-check' });
  const editorBox = h('div', { id: 'trigger-editor', class: 'editor' });
  const errors = h('ol', { id: 'trigger-errors', class: 'trigger-errors' });
  const logs = h('div', { id: 'trigger-logs', class: 'log-lines' });
  const stats = h('div', { id: 'trigger-stats' });
  const allLogs = h('a', { class: 'small hidden' }, 'all in Events & logs');
  const fields = triggerFields(types, () => edited());
  const trial = tryPanel({
    id: () => id,
    code: () => editor.value,
    type: fields.type,
    filterType: fields.filterType,
    genericSample: fields.genericSample,
    jump: (line) => editor.jump(line),
    runProblem: (err) => (err ? editor.mark('run', err.line, err.message) : editor.unmark('run')),
    compileProblem: (err) => showSyntax(err, 'Does not compile'),
  });

  fill(view.root,
    h('div', { class: 'trigger-head' },
      h('h1', null, h('a', { href: '#/triggers', class: 'crumb' }, 'Triggers'), h('span', { class: 'muted' }, '/'), title),
      status, version, h('span', { class: 'grow' }), said, unsaved, start, stop, remove,
      h('button', { id: 'trigger-try-top', title: 'a dry run of the code in the editor on a recorded event: nothing is sent or saved',
        onclick: () => trial.tryNow() }, 'Try on event'),
      save),
    h('div', { class: 'trigger-grid' },
      h('div', { class: 'trigger-main' },
        h('section', { class: 'panel' }, fields.element),
        h('section', { class: 'panel script' },
          h('div', { class: 'panel-head' }, h('h2', null, 'Script'), checkState),
          editorBox,
          problem)),
      h('aside', { class: 'trigger-side' },
        h('section', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h2', null, 'Runs'),
          h('span', { class: 'muted small' }, 'since the server started')), stats),
        h('section', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h2', null, 'Errors'),
          h('span', { class: 'muted small' }, 'failed runs, newest first; click one to see its line')), errors),
        h('section', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h2', null, 'Log'), allLogs), logs))),
    trial.element);

  const editor = await createEditor(editorBox, '', { onChange: () => edited(true), onSave: () => save.click() });
  if (!view.current()) return;

  // ---- loading and saving

  function loaded(t) {
    // a saved record comes back without runStats (only GET adds them): keep the last ones seen
    if (!t.runStats && record) t = { ...t, runStats: record.runStats };
    record = t;
    id = t.id;
    fields.load(t);
    if (editor.value !== (t.def || '')) editor.value = t.def || '';
    snapshot = current();
    showRecord(t);
    edited();
  }

  function showRecord(t) {
    view.title(t.name);
    fill(title, t.name);
    fill(status, t.type === 'library' ? pill('library', '') : pill(t.enabled ? 'started' : 'stopped'));
    fill(version, 'v' + t.version);
    start.disabled = false;
    start.removeAttribute('title');
    start.classList.toggle('hidden', t.type === 'library' || !!t.enabled);
    stop.classList.toggle('hidden', t.type === 'library' || !t.enabled);
    allLogs.href = '#/events?trigger=' + encodeURIComponent(t.name);
    allLogs.classList.remove('hidden');
    showStats(t.runStats);
  }

  /** The record as the page would save it (JSON), or null when a field cannot be read. */
  function current() {
    try {
      return JSON.stringify({ ...fields.read(), def: editor.value });
    } catch (e) {
      return null;
    }
  }

  function edited(codeChanged) {
    const dirty = !id || current() !== snapshot;
    unsaved.classList.toggle('hidden', !dirty || !id);
    if (codeChanged) scheduleCheck();
  }

  save.addEventListener('click', () => busy(save, async () => {
    let body;
    try {
      body = fields.read();
    } catch (e) {
      showProblem('field', 'Not saved: ' + e.message);
      say('Not saved: ' + e.message, 'error');
      fields.mark(e.field);
      return;
    }
    body.def = editor.value;
    // the save checks this code itself: a check of it now would only race the answer
    clearTimeout(checkTimer);
    if (checking) checking.abort();
    checked = body.def;
    let t;
    try {
      if (id) {
        t = await api('/triggers/' + encodeURIComponent(id), { method: 'PUT', body });
      } else {
        // a new trigger is saved stopped: it runs once it is started
        t = await api('/triggers', { method: 'POST', body: { ...body, enabled: false } });
        history.replaceState(null, '', '#/triggers/' + encodeURIComponent(t.id));
      }
    } catch (e) {
      if (!(e instanceof ApiError) || e.status >= 500 || e.status === 401) throw e;
      const d = e.details || {};
      if (d.line || d.field === 'def') {
        showSyntax(e, 'Not saved');
        // below the editor, where a problem found while typing does not move the text being typed
        problem.scrollIntoView({ block: 'nearest' });
      } else {
        // said at the top too: the field it is about gets the focus, far from the box below the editor
        showProblem('field', 'Not saved: ' + e.message);
        say('Not saved: ' + e.message, 'error');
        fields.mark(d.field);
      }
      return;
    }
    clearProblem();
    editor.unmark('syntax');
    fields.mark(null);
    checked = editor.value;
    fill(checkState, h('span', { class: 'ok' }, 'compiles'));
    const first = !record;
    loaded(t);
    say('Saved v' + t.version + (first ? ', stopped: start it to let it run' : ''));
    if (first) startPolling();
    trial.list();
  }));

  for (const [button, action] of [[start, 'start'], [stop, 'stop']]) {
    button.addEventListener('click', () => busy(button, async () => {
      if (!id) {
        say('Save the trigger first.', 'error');
        return;
      }
      const dirty = current() !== snapshot;
      const t = await api('/triggers/' + encodeURIComponent(id) + '/' + action, { method: 'POST' });
      record = { ...record, enabled: t.enabled, version: t.version, updated: t.updated };
      showRecord({ ...record, runStats: record.runStats });
      say((action === 'start' ? 'Started' : 'Stopped')
        + (dirty && action === 'start' ? ': the saved code runs; your changes are not saved yet' : ''),
        dirty && action === 'start' ? 'warn' : 'ok');
      (stop.classList.contains('hidden') ? start : stop).focus();
    }));
  }

  function deleteButton() {
    if (!id) return fill(remove);
    const del = h('button', { class: 'danger', id: 'trigger-delete' }, 'Delete');
    del.addEventListener('click', () => {
      const yes = h('button', { class: 'danger', id: 'trigger-delete-confirm' }, 'Delete it');
      yes.addEventListener('click', () => busy(yes, async () => {
        await api('/triggers/' + encodeURIComponent(id), { method: 'DELETE' });
        notify('Deleted ' + record.name, 'ok');
        snapshot = current();
        view.go('#/triggers');
      }));
      fill(remove, h('span', { class: 'confirm' }, 'Delete this trigger?'), yes,
        h('button', { onclick: deleteButton }, 'Cancel'));
      yes.focus();
    });
    fill(remove, del);
  }

  // ---- problems: the box under the editor and the marked line

  function showProblem(kind, ...content) {
    problemKind = kind;
    fill(problem, ...content);
    problem.classList.remove('hidden');
  }

  function clearProblem(kind) {
    if (kind && problemKind !== kind) return;
    problemKind = null;
    fill(problem);
    problem.classList.add('hidden');
  }

  /**
   * A 400 for code that does not compile: details {line, column, message}, the message being the
   * engine's ("SyntaxError: name:3:6 Expected ) but found {" and the source line with a caret).
   */
  function showSyntax(err, prefix) {
    const d = err.details || {};
    const line = d.line ? editor.clamp(d.line) : null;
    const [first, ...rest] = String(d.message || err.message).split('\n');
    const what = first.replace(/^(\w*Error): \S*?:\d+:\d+ /, '$1: ');
    const where = line ? 'line ' + line + (d.column ? ', column ' + d.column : '') : 'the script';
    showProblem('syntax',
      h('strong', null, prefix + ': '),
      h('button', { class: 'link problem-line', onclick: () => line && editor.jump(line) }, where),
      ' ' + what,
      rest.length && rest.join('').trim() ? h('pre', null, rest.join('\n')) : null);
    if (line) {
      editor.mark('syntax', line, what);
      editor.cm.scrollIntoView({ line: line - 1, ch: 0 }, 60);
    }
    fill(checkState, h('span', { class: 'error' }, where + ': does not compile'));
  }

  function scheduleCheck() {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(checkCode, CHECK_DELAY_MS);
  }

  /** Checks the editor's code without saving it: {ok: true} or {ok: false, line, column, message}. */
  async function checkCode() {
    const code = editor.value;
    if (code === checked) return;
    if (checking) checking.abort();
    const mine = (checking = new AbortController());
    fill(checkState, 'checking…');
    try {
      const answer = await api('/triggers/check', { method: 'POST', body: { name: fields.name() || null, def: code }, signal: mine.signal });
      if (mine.signal.aborted || !view.current()) return;
      checked = code;
      if (answer.ok) {
        editor.unmark('syntax');
        clearProblem('syntax');
        fill(checkState, h('span', { class: 'ok' }, 'compiles'));
      } else {
        showSyntax({ message: answer.message, details: answer }, 'Does not compile');
      }
    } catch (e) {
      if (mine.signal.aborted) return;
      fill(checkState, 'could not check: ' + e.message);
    } finally {
      if (checking === mine) checking = null;
    }
  }

  // ---- what the trigger did: stats, errors, log lines

  function showStats(s) {
    if (!s) return fill(stats, h('p', { class: 'muted' }, id ? '' : 'Saved triggers show their runs here.'));
    const budget = s.budgetFailures || {};
    fill(stats, h('dl', { class: 'facts' },
      h('dt', null, 'runs'), h('dd', { id: 'trigger-runs' }, String(s.runs)),
      h('dt', null, 'failed'), h('dd', { class: s.failed ? 'error' : null }, String(s.failed)),
      h('dt', null, 'shed'), h('dd', { title: 'events skipped because the trigger was too far behind' }, String(s.shed)),
      h('dt', null, 'over budget'), h('dd', null, 'cpu ' + budget.cpu + ', wall clock ' + budget.wallClock + ', allocation ' + budget.allocation
        + (s.budgetFailuresInARow ? ' (' + s.budgetFailuresInARow + ' in a row)' : '')),
      h('dt', null, 'last run'), h('dd', null, s.lastRunEndedMs ? ago(s.lastRunEndedMs) : 'never'),
      s.lastAutoStop ? [h('dt', null, 'auto-stopped'), h('dd', { class: 'error' }, ago(s.lastAutoStop.ts) + ': ' + s.lastAutoStop.reason)] : null));
  }

  let errorsSeen = null;
  async function loadErrors() {
    const items = (await api('/triggers/' + encodeURIComponent(id) + '/errors?limit=50')).items;
    const signature = items.length + '|' + (items.length ? items[items.length - 1].ts : '') + '|' + (record && record.version);
    if (signature === errorsSeen || !view.current()) return;
    errorsSeen = signature;
    fill(errors, items.length ? items.slice().reverse().map((e) => h('li', null,
      h('button', { class: 'trigger-error', dataset: { line: e.line || '' }, title: e.line ? 'show line ' + e.line : '',
        onclick: () => {
          if (!e.line) return;
          editor.mark('run', e.line, e.message);
          editor.jump(e.line);
        } },
      h('span', { class: 'error-where' }, e.line ? 'line ' + e.line : 'no line'),
      h('span', { class: 'error-message' }, e.message),
      h('span', { class: 'muted error-when' }, ago(e.ts) + ' · v' + e.version
        + (record && e.version !== record.version ? ' (older code)' : '')))))
      : h('li', { class: 'muted empty-item' }, 'No failures recorded.'));
  }

  let logCursor = null;
  async function loadLogs() {
    const first = logCursor === null;
    const page = first ? await firstPage('/logs', { trigger: id }, 100)
      : await api('/logs?trigger=' + encodeURIComponent(id) + '&after=' + encodeURIComponent(logCursor));
    if (!view.current()) return;
    if (first) fill(logs);
    if (page.next) logCursor = page.next;
    for (const entry of page.items) {
      logs.prepend(logRow(entry, { onLine: (n) => { editor.mark('run', n, entry.message); editor.jump(n); } }));
    }
    while (logs.childElementCount > LOG_ROWS_KEPT) logs.lastElementChild.remove();
    const empty = logs.querySelector('.empty-item');
    if (page.items.length && empty) empty.remove();
    if (!logs.childElementCount) logs.appendChild(h('p', { class: 'muted empty-item' }, 'Nothing logged yet.'));
    // one page at a time; a burst longer than a page is read on the next polls
  }

  async function loadRecord() {
    const t = await api('/triggers/' + encodeURIComponent(id));
    if (!view.current()) return;
    if (record && t.version !== record.version) {
      if (current() === snapshot) {
        loaded(t); // nothing unsaved here: show what changed elsewhere (a start, an auto-stop, another editor)
      } else {
        record = { ...record, enabled: t.enabled, runStats: t.runStats };
        showRecord({ ...record, version: record.version });
        fill(version, 'v' + record.version + ' (v' + t.version + ' saved elsewhere)');
      }
      return;
    }
    record = { ...record, runStats: t.runStats };
    showStats(t.runStats);
  }

  let timers = [];
  function startPolling() {
    deleteButton();
    const every = (fn, ms) => {
      let busyNow = false;
      const tick = async () => {
        if (busyNow || document.hidden) return;
        busyNow = true;
        try {
          await fn();
        } catch (e) {
          console.warn(e);
        } finally {
          busyNow = false;
        }
      };
      tick();
      timers.push(setInterval(tick, ms));
    };
    every(loadLogs, LOG_POLL_MS);
    every(loadErrors, RECORD_POLL_MS);
    every(loadRecord, RECORD_POLL_MS);
  }

  const beforeUnload = (e) => {
    if (id && current() !== snapshot) e.preventDefault();
  };
  window.addEventListener('beforeunload', beforeUnload);
  view.guard(() => (id && current() !== snapshot ? 'This trigger has unsaved changes. Leave without saving them?' : null));
  view.cleanup(() => {
    timers.forEach(clearInterval);
    clearTimeout(checkTimer);
    if (checking) checking.abort();
    window.removeEventListener('beforeunload', beforeUnload);
  });

  if (id) {
    const t = await api('/triggers/' + encodeURIComponent(id));
    if (!view.current()) return;
    loaded(t);
    checked = t.def || '';
    startPolling();
  } else {
    view.title('New trigger');
    fill(title, 'New trigger');
    fill(status, pill('not saved', ''));
    start.disabled = true;
    stop.classList.add('hidden');
    start.title = 'save it first';
    const type = view.query.get('type');
    fields.load({ type: 'script', filterType: type && types.includes(type) ? type : 'lwm2m-register' });
    editor.value = STARTER;
    showStats(null);
    fill(errors, h('li', { class: 'muted empty-item' }, 'No failures recorded.'));
    fill(logs, h('p', { class: 'muted empty-item' }, 'Nothing logged yet.'));
    fields.element.querySelector('#trigger-name').focus();
  }
  editor.refresh();
  trial.list();
  // the list of recorded events follows the event type chosen
  fields.element.addEventListener('change', () => trial.list());
}
