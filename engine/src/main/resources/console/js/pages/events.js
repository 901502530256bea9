// Events and logs: events as they happen (the recent ones from GET /events, then the event stream from
// where they end) beside the script log lines (GET /logs, polled every 2 s from its `next` cursor: there
// is no log stream). Filters: event type and endpoint (events; the endpoint also narrows log lines),
// trigger and level (log lines). Pause keeps the page still: events that arrive meanwhile are buffered
// (the newest MAX_ROWS; older ones beyond that are dropped and counted) and shown on Resume; log lines
// are not polled while paused and are read from the cursor on Resume, so none are lost while the server
// keeps them. At most MAX_ROWS rows of each stay in the page, newest first. Each event opens to its JSON.

import { api, query, streamEvents } from '../api.js';
import { h, fill, css } from '../dom.js';
import { brief, eventTypes, firstPage, logRow, typeSelect, when } from '../triggers/common.js';

const MAX_ROWS = 1000;
const RECENT_EVENTS = 100;
const RECENT_LOGS = 200;
const LOG_POLL_MS = 2000;
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error'];

export default async function events(view) {
  view.title('Events & logs');
  css('/console/css/triggers.css'); // log lines look as on the trigger page
  css('/console/css/events.css');
  const types = await eventTypes();
  if (!view.current()) return;

  const type = typeSelect(types, view.query.get('type') || '', { id: 'events-type', 'aria-label': 'event type' }, 'every type');
  const endpoint = h('input', { id: 'events-endpoint', type: 'search', placeholder: 'endpoint', value: view.query.get('endpoint') || '',
    list: 'events-endpoints', 'aria-label': 'endpoint', spellcheck: 'false' });
  const trigger = h('input', { id: 'events-trigger', type: 'search', placeholder: 'trigger (name or id)', value: view.query.get('trigger') || '',
    list: 'events-triggers', 'aria-label': 'trigger', spellcheck: 'false' });
  const level = h('select', { id: 'events-level', 'aria-label': 'lowest log level' },
    h('option', { value: '' }, 'every level'),
    LEVELS.map((l) => h('option', { value: l, selected: l === view.query.get('level') }, l + (l === 'error' ? '' : ' and up'))));
  const endpointList = h('datalist', { id: 'events-endpoints' });
  const triggerList = h('datalist', { id: 'events-triggers' });
  const pause = h('button', { type: 'button', id: 'events-pause', 'aria-pressed': 'false' }, 'Pause');
  const state = h('span', { class: 'pill', id: 'events-state' }, 'connecting');
  const eventRows = h('div', { id: 'event-rows', class: 'event-rows' });
  const logRows = h('div', { id: 'log-rows', class: 'log-lines' });
  const eventCount = h('span', { class: 'muted small', id: 'event-count' });
  const logCount = h('span', { class: 'muted small', id: 'log-count' });

  fill(view.root,
    h('h1', null, 'Events & logs'),
    h('form', { class: 'toolbar events-filters', onsubmit: (e) => { e.preventDefault(); apply(); } },
      h('label', null, 'Type', type), h('label', null, 'Endpoint', endpoint), h('label', null, 'Trigger', trigger),
      h('label', null, 'Log level', level), endpointList, triggerList,
      h('button', { type: 'submit', class: 'hidden' }, 'Apply'),
      h('span', { class: 'grow' }), state, pause,
      h('button', { type: 'button', id: 'events-clear', onclick: clear }, 'Clear')),
    h('div', { class: 'events-grid' },
      h('section', { class: 'panel events-pane' },
        h('div', { class: 'panel-head' }, h('h2', null, 'Events'), eventCount,
          h('span', { class: 'muted small' }, 'type and endpoint filters')),
        eventRows),
      h('section', { class: 'panel logs-pane' },
        h('div', { class: 'panel-head' }, h('h2', null, 'Log lines'), logCount,
          h('span', { class: 'muted small' }, 'trigger, level and endpoint filters')),
        logRows)));

  type.addEventListener('change', apply);
  level.addEventListener('change', apply);
  endpoint.addEventListener('change', apply);
  trigger.addEventListener('change', apply);
  pause.addEventListener('click', () => (paused ? resume() : hold()));

  let stopStream = null;
  let generation = 0; // a filter change starts a new one; answers for an older one are dropped
  let paused = false;
  let buffered = [];
  let dropped = 0;
  let logCursor = null;
  const seen = new Set(); // event ids shown, so the stream's replay never doubles a row
  const triggerIds = new Map(); // name -> id, for links from log lines

  function filters() {
    return { type: type.value, endpoint: endpoint.value.trim(), trigger: trigger.value.trim(), level: level.value };
  }

  function apply() {
    const q = query(filters());
    history.replaceState(null, '', '#/events' + q);
    restart();
  }

  async function restart() {
    const mine = ++generation;
    if (stopStream) stopStream();
    stopStream = null;
    buffered = [];
    dropped = 0;
    seen.clear();
    logCursor = null;
    fill(eventRows, h('p', { class: 'muted empty-item' }, 'loading…'));
    fill(logRows);
    updatePause();
    const f = filters();
    let recent;
    try {
      recent = await firstPage('/events', { type: f.type, endpoint: f.endpoint }, RECENT_EVENTS);
    } catch (e) {
      fill(eventRows, h('p', { class: 'error' }, e.message));
      return;
    }
    if (mine !== generation || !view.current()) return;
    fill(eventRows);
    recent.items.forEach((e) => addEvent(e)); // oldest first, each on top
    emptyNote(eventRows, 'No events yet' + (f.type || f.endpoint ? ' that match' : '') + '.');
    counts();
    stopStream = streamEvents({ type: f.type, endpoint: f.endpoint, after: recent.next }, (e) => {
      if (mine !== generation) return;
      if (paused) {
        buffered.push(e);
        if (buffered.length > MAX_ROWS) {
          buffered.shift();
          dropped++;
        }
        updatePause();
      } else {
        addEvent(e);
        counts();
      }
    }, { onState: (s) => { if (mine === generation) setState(s); } });
    pollLogs(mine);
  }

  function addEvent(e) {
    if (seen.has(e.id)) return;
    seen.add(e.id);
    const empty = eventRows.querySelector('.empty-item');
    if (empty) empty.remove();
    eventRows.prepend(eventRow(e));
    while (eventRows.childElementCount > MAX_ROWS) {
      seen.delete(eventRows.lastElementChild.dataset.eventId);
      eventRows.lastElementChild.remove();
    }
  }

  function addLogs(items) {
    const f = filters();
    const empty = logRows.querySelector('.empty-item');
    for (const entry of items) {
      if (f.endpoint && entry.endpoint !== f.endpoint) continue;
      if (empty && empty.isConnected) empty.remove();
      logRows.prepend(logRow(entry, { showTrigger: true, triggerHref: (l) => triggerIds.has(l.trigger) ? '#/triggers/' + encodeURIComponent(triggerIds.get(l.trigger)) : '#/triggers' }));
    }
    while (logRows.childElementCount > MAX_ROWS) logRows.lastElementChild.remove();
  }

  async function pollLogs(mine) {
    const f = filters();
    const params = { trigger: f.trigger, level: f.level };
    try {
      if (logCursor === null) {
        const page = await firstPage('/logs', params, RECENT_LOGS);
        if (mine !== generation) return;
        logCursor = page.next;
        addLogs(page.items);
      } else if (!paused && !document.hidden) {
        // after a pause, catch up a few pages at once rather than one page per poll
        for (let i = 0; i < 5; i++) {
          const page = await api('/logs' + query({ ...params, after: logCursor }));
          if (mine !== generation) return;
          if (page.next) logCursor = page.next;
          addLogs(page.items);
          if (page.items.length < RECENT_LOGS) break;
        }
      }
    } catch (e) {
      if (mine !== generation) return;
      fill(logRows, h('p', { class: 'error' }, e.message));
    }
    emptyNote(logRows, 'No log lines yet' + (f.trigger || f.level || f.endpoint ? ' that match' : '') + '.');
    counts();
    setTimeout(() => {
      if (mine === generation && view.current()) pollLogs(mine);
    }, LOG_POLL_MS);
  }

  function hold() {
    paused = true;
    setState('paused');
    updatePause();
  }

  function resume() {
    paused = false;
    const waiting = buffered;
    buffered = [];
    if (dropped) {
      eventRows.prepend(h('p', { class: 'muted gap' }, dropped + ' older event' + (dropped === 1 ? '' : 's') + ' not shown (more than ' + MAX_ROWS + ' arrived while paused)'));
    }
    dropped = 0;
    waiting.forEach(addEvent);
    counts();
    setState('live');
    updatePause();
  }

  function updatePause() {
    pause.setAttribute('aria-pressed', String(paused));
    pause.classList.toggle('primary', paused);
    fill(pause, paused ? 'Resume' + (buffered.length ? ' (' + (buffered.length + dropped) + ' new)' : '') : 'Pause');
  }

  function setState(s) {
    const shown = paused ? 'paused' : s;
    state.className = 'pill ' + shown;
    fill(state, shown);
  }

  function clear() {
    fill(eventRows);
    fill(logRows);
    seen.clear();
    emptyNote(eventRows, 'Cleared; new events show here.');
    emptyNote(logRows, 'Cleared; new log lines show here.');
    counts();
  }

  function counts() {
    const n = eventRows.querySelectorAll('[data-event-id]').length;
    const m = logRows.querySelectorAll('.log-line').length;
    fill(eventCount, n + (n >= MAX_ROWS ? ' (newest kept)' : ''));
    fill(logCount, String(m));
  }

  // names for the filter inputs; the page works without them
  api('/triggers').then((r) => {
    r.items.forEach((t) => triggerIds.set(t.name, t.id));
    fill(triggerList, r.items.map((t) => h('option', { value: t.name })));
  }).catch(() => {});
  api('/endpoints?limit=200').then((r) => fill(endpointList, r.items.map((e) => h('option', { value: e.key })))).catch(() => {});

  view.cleanup(() => {
    generation++;
    if (stopStream) stopStream();
  });
  await restart();
}

function emptyNote(box, text) {
  if (!box.childElementCount) box.appendChild(h('p', { class: 'muted empty-item' }, text));
}

/** An event as a row that opens to its JSON (built when first opened). */
function eventRow(e) {
  const pre = h('pre', { class: 'event-json' });
  const row = h('details', { class: 'event-row', dataset: { eventId: e.id, type: e.type || '' } },
    h('summary', null,
      h('span', { class: 'event-time' }, when(e.ts)),
      h('span', { class: 'event-type type-' + String(e.type).replace(/[^a-z0-9-]/g, '') }, e.type),
      h('span', { class: 'event-endpoint' }, (e.endpoint && e.endpoint.key) || ''),
      h('span', { class: 'event-summary' }, summary(e)),
      h('span', { class: 'event-id muted' }, '#' + e.id)),
    pre);
  row.addEventListener('toggle', () => {
    if (row.open && !pre.firstChild) pre.textContent = JSON.stringify(e, null, 2);
  });
  return row;
}

/** The few words of an event's data worth a glance; the rest is in its JSON. */
function summary(e) {
  const d = e.data || {};
  const path = d.path ? ' ' + d.path : '';
  switch (e.type) {
    case 'lwm2m-register':
    case 'lwm2m-update':
      return [d.version && 'LwM2M ' + d.version, d.binding, d.remoteAddr, d.lifetime && 'lifetime ' + d.lifetime + ' s',
        d.queueMode && 'queue mode'].filter(Boolean).join(' · ');
    case 'lwm2m-deregister':
      return d.reason || '';
    case 'lwm2m-missing':
      return d.lastSeen ? 'last seen ' + new Date(d.lastSeen).toLocaleString() : '';
    case 'lwm2m-data':
      return (d.source || '') + path + ' ' + brief(d.data, 140);
    case 'lwm2m-result':
      return (d.source || '') + path + ' ' + (d.success ? 'ok' : 'failed' + (d.error ? ': ' + d.error : '')) + (d.intermediate ? ' (queued)' : '');
    case 'lwm2m-error':
      return (d.source || '') + path + ': ' + (d.error || '');
    case 'lwm2m-firmware-update-status':
      return (d.state || '') + (d.result ? ' · ' + d.result : '');
    case 'lwm2m-firmware-update-complete':
      return (d.success ? 'succeeded' : 'failed') + (d.result ? ': ' + d.result : '');
    case 'generic':
      return (d.source || '') + ' ' + brief(d.data, 140);
    default:
      return brief(d, 160);
  }
}
