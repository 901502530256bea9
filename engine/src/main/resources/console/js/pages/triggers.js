// Triggers: every trigger with what it runs on, whether it is started, the failures kept for it
// (GET /triggers/{id}/errors) and its run counters since the server started (GET /stats). Start, stop,
// delete (confirmed in the row), import an array of trigger records (all or none) and export them all.

import { api, ApiError } from '../api.js';
import { h, fill, ago, pill, busy, notify, css } from '../dom.js';
import { runsOn } from '../triggers/common.js';

/** Fields the server adds to a record; an import leaves them out (the server would keep runStats). */
const SERVER_FIELDS = ['id', 'version', 'created', 'updated', 'runStats'];
/** How many failures a row counts at most (the list asks for each trigger's errors). */
const ERRORS_COUNTED = 100;

export default async function triggers(view) {
  view.title('Triggers');
  css('/console/css/triggers.css');
  const body = h('tbody', { id: 'trigger-rows' });
  const count = h('span', { class: 'muted', id: 'trigger-count' });
  const importBox = importPanel(() => reload());

  fill(view.root,
    h('h1', null, 'Triggers'),
    h('div', { class: 'toolbar' },
      h('a', { class: 'button primary', href: '#/triggers/new', id: 'trigger-new' }, 'New trigger'),
      h('button', { id: 'trigger-import-open', onclick: () => importBox.classList.toggle('hidden') }, 'Import…'),
      h('button', { id: 'trigger-export', onclick: (e) => busy(e.currentTarget, exportAll) }, 'Export all'),
      count, h('span', { class: 'grow' }),
      h('button', { class: 'link', onclick: (e) => busy(e.currentTarget, reload) }, 'Refresh')),
    importBox,
    h('table', { class: 'triggers' },
      h('thead', null, h('tr', null,
        h('th', null, 'Name'), h('th', null, 'Runs on'), h('th', null, 'Status'),
        h('th', { title: 'failures kept for the trigger (GET /triggers/{id}/errors)' }, 'Errors'),
        h('th', { title: 'since the server started (GET /stats)' }, 'Runs'), h('th', null, 'Last run'),
        h('th', { class: 'actions' }, ''))),
      body));

  async function reload() {
    let list;
    try {
      list = (await api('/triggers')).items;
    } catch (e) {
      fill(body, h('tr', null, h('td', { colspan: 7, class: 'error' }, e.message)));
      return;
    }
    if (!view.current()) return;
    const stats = await api('/stats').then((s) => s.triggers || {}).catch(() => ({}));
    list.sort((a, b) => a.name.localeCompare(b.name));
    fill(count, list.length + ' trigger' + (list.length === 1 ? '' : 's'));
    fill(body, list.length ? list.map((t) => row(t, stats[t.name]))
      : h('tr', null, h('td', { colspan: 7, class: 'empty' }, 'No triggers yet. ',
        h('a', { href: '#/triggers/new' }, 'Write one'), ' or import some.')));
    countErrors(list);
  }

  function row(t, stats) {
    const errors = h('td', { class: 'errors', dataset: { errors: '' } }, h('span', { class: 'muted' }, '…'));
    const tr = h('tr', { dataset: { trigger: t.id, name: t.name } },
      h('td', null, h('a', { href: '#/triggers/' + encodeURIComponent(t.id), class: 'trigger-name' }, t.name),
        t.desc ? h('div', { class: 'muted desc' }, t.desc) : null),
      h('td', { class: 'mono' }, runsOn(t)),
      h('td', null, t.type === 'library' ? pill('library', '') : pill(t.enabled ? 'started' : 'stopped'),
        stats && stats.lastAutoStop ? h('div', { class: 'muted small', title: stats.lastAutoStop.reason },
          'auto-stopped ' + ago(stats.lastAutoStop.ts)) : null),
      errors,
      h('td', null, runStats(stats)),
      h('td', { title: stats && stats.lastRunEndedMs ? new Date(stats.lastRunEndedMs).toISOString() : '' },
        stats && stats.lastRunEndedMs ? ago(stats.lastRunEndedMs) : h('span', { class: 'muted' }, 'never')),
      h('td', { class: 'actions' }, actions(t)));
    tr.errorsCell = errors;
    return tr;
  }

  function actions(t) {
    const cell = h('div', { class: 'row' });
    const toggle = t.type === 'library' ? null : h('button', {
      class: 'trigger-toggle',
      onclick: () => busy(toggle, async () => {
        await api('/triggers/' + encodeURIComponent(t.id) + (t.enabled ? '/stop' : '/start'), { method: 'POST' });
        notify((t.enabled ? 'Stopped ' : 'Started ') + t.name, 'ok');
        await reload();
      }),
    }, t.enabled ? 'Stop' : 'Start');
    const del = h('button', { class: 'danger trigger-delete', onclick: confirmDelete }, 'Delete');
    function confirmDelete() {
      // asked in the row itself: no modal dialog, and the question names the trigger
      const yes = h('button', { class: 'danger primary-danger trigger-delete-confirm', onclick: () => busy(yes, async () => {
        await api('/triggers/' + encodeURIComponent(t.id), { method: 'DELETE' });
        notify('Deleted ' + t.name, 'ok');
        await reload();
      }) }, 'Delete');
      fill(cell, h('span', { class: 'confirm' }, 'Delete \u201c' + t.name + '\u201d?'), yes,
        h('button', { onclick: () => fill(cell, toggle, del) }, 'Cancel'));
      yes.focus();
    }
    fill(cell, toggle, del);
    return cell;
  }

  /** Fills each row's error count, a few requests at a time. */
  async function countErrors(list) {
    const rows = new Map([...body.querySelectorAll('tr[data-trigger]')].map((tr) => [tr.dataset.trigger, tr]));
    const queue = list.slice();
    const worker = async () => {
      while (queue.length && view.current()) {
        const t = queue.shift();
        const cell = rows.get(t.id) && rows.get(t.id).errorsCell;
        if (!cell) continue;
        try {
          const items = (await api('/triggers/' + encodeURIComponent(t.id) + '/errors?limit=' + ERRORS_COUNTED)).items;
          cell.dataset.errors = String(items.length);
          const last = items[items.length - 1];
          fill(cell, items.length
            ? h('a', { class: 'error-count', href: '#/triggers/' + encodeURIComponent(t.id), title: last.message },
              (items.length >= ERRORS_COUNTED ? ERRORS_COUNTED + '+' : items.length) + ' · last ' + ago(last.ts))
            : h('span', { class: 'muted' }, '0'));
        } catch (e) {
          fill(cell, h('span', { class: 'muted', title: e.message }, '?'));
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  }

  async function exportAll() {
    const list = (await api('/triggers')).items.map((t) => strip(t));
    const blob = new Blob([JSON.stringify(list, null, 2) + '\n'], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: 'triggers.json' });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  await reload();
}

function runStats(s) {
  if (!s) return h('span', { class: 'muted' }, '0');
  const budget = s.budgetFailures || {};
  const overBudget = (budget.cpu || 0) + (budget.wallClock || 0) + (budget.allocation || 0);
  return h('span', { class: 'run-stats' },
    h('span', { title: 'runs' }, String(s.runs)),
    s.failed ? h('span', { class: 'error', title: 'failed runs' }, ' · ' + s.failed + ' failed') : null,
    s.shed ? h('span', { class: 'warn', title: 'events not run because the trigger was behind' }, ' · ' + s.shed + ' shed') : null,
    overBudget ? h('span', { class: 'error', title: 'cpu ' + budget.cpu + ', wall clock ' + budget.wallClock + ', allocation ' + budget.allocation }, ' · ' + overBudget + ' over budget') : null);
}

function strip(t) {
  const out = {};
  for (const [k, v] of Object.entries(t)) if (!SERVER_FIELDS.includes(k)) out[k] = v;
  return out;
}

/** Import: a JSON file or pasted text holding one trigger record or an array of them. */
function importPanel(done) {
  const file = h('input', { type: 'file', accept: '.json,application/json', id: 'trigger-import-file', 'aria-label': 'JSON file' });
  const text = h('textarea', { id: 'trigger-import-text', rows: 8, spellcheck: 'false',
    placeholder: '[{"name": "device-info", "filterType": "lwm2m-register", "def": "log.info(event.endpoint.key);"}]' });
  // not .error[role=alert]: that marks a page that failed to load, and this one is empty until an import fails
  const problem = h('p', { class: 'import-problem', id: 'trigger-import-problem', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'trigger-import' }, 'Import');
  const form = h('form', { class: 'panel hidden import', id: 'trigger-import-panel' },
    h('p', { class: 'muted' }, 'An array of trigger records (as Export all writes them) or one record. ',
      'All are checked before any is stored: one bad trigger imports none. Names must be new.'),
    h('div', { class: 'row' }, file, h('span', { class: 'muted' }, 'or paste below')),
    text,
    h('div', { class: 'row' }, submit, h('button', { type: 'button', onclick: () => form.classList.add('hidden') }, 'Cancel')),
    problem);
  file.addEventListener('change', async () => {
    if (file.files[0]) text.value = await file.files[0].text();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    fill(problem);
    busy(submit, async () => {
      let items;
      try {
        items = JSON.parse(text.value);
      } catch (err) {
        fill(problem, 'This is not JSON: ' + err.message);
        return;
      }
      if (!Array.isArray(items)) items = [items];
      if (!items.length || items.some((t) => !t || typeof t !== 'object' || Array.isArray(t))) {
        fill(problem, 'Expected trigger records (objects), one or an array of them.');
        return;
      }
      try {
        const created = await api('/triggers', { method: 'POST', body: items.map(strip) });
        const n = Array.isArray(created) ? created.length : (created && created.items ? created.items.length : items.length);
        notify('Imported ' + n + ' trigger' + (n === 1 ? '' : 's'), 'ok');
        form.reset();
        form.classList.add('hidden');
        done();
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        const d = err.details || {};
        const which = d.index !== undefined && items[d.index] ? ' (the one named \u201c' + items[d.index].name + '\u201d)' : '';
        fill(problem, 'Nothing was imported: ' + err.message + which);
      }
    });
  });
  return form;
}
