// What the trigger pages and the events page share: the event types the server knows, log lines as
// rows, and compact JSON for a table cell.

import { api, query } from '../api.js';
import { h } from '../dom.js';

/** The types of engine/.../events/EventType.java, for when GET /stats cannot be read. */
const KNOWN_TYPES = ['lwm2m-register', 'lwm2m-update', 'lwm2m-deregister', 'lwm2m-missing', 'lwm2m-bootstrap',
  'lwm2m-data', 'lwm2m-result', 'lwm2m-error', 'lwm2m-firmware-update-status', 'lwm2m-firmware-update-complete',
  'generic', 'cron-event', 'once-event', 'mqtt-message', 'mqtt-result'];

let types = null;

/**
 * The event types this server publishes: the keys of GET /stats `events` (it counts every type it
 * has), so a type added to the server shows up here without a console change.
 */
export async function eventTypes() {
  if (!types) {
    types = api('/stats').then((s) => {
      const names = Object.keys((s && s.events) || {});
      return names.length ? names : KNOWN_TYPES;
    }).catch(() => KNOWN_TYPES);
  }
  return types;
}

/** A `<select>` of event types, with an "any" choice first when `any` names it. */
export function typeSelect(list, value, attrs, any) {
  const options = list.includes(value) || !value ? list : [value, ...list];
  return h('select', attrs,
    any ? h('option', { value: '' }, any) : null,
    options.map((t) => h('option', { value: t, selected: t === value }, t)));
}

/**
 * A time for a row: the time of day with seconds for today (rows are mostly recent), the date too for
 * older ones; the full ISO time in the tooltip.
 */
export function when(ts) {
  if (!ts) return h('span', { class: 'muted' }, '—');
  const d = new Date(ts);
  const today = d.toDateString() === new Date().toDateString();
  return h('time', { datetime: d.toISOString(), title: d.toISOString() },
    today ? d.toLocaleTimeString() : d.toLocaleString());
}

/** Compact JSON, shortened for a table cell; the whole text in the tooltip. */
export function brief(value, max = 160) {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/**
 * One log line `{ts, level, trigger, endpoint, message, data, line}` as a row. `onLine(n)` makes the
 * script line of a failure a button (the trigger page jumps its editor there); `showTrigger` adds the
 * trigger's name (the events page, where lines of every trigger mix).
 */
export function logRow(entry, { onLine, showTrigger, triggerHref } = {}) {
  const data = entry.data === null || entry.data === undefined ? null : brief(entry.data, 400);
  return h('div', { class: 'log-line level-' + (entry.level || 'info'), dataset: { level: entry.level || '' } },
    h('span', { class: 'log-time' }, when(entry.ts)),
    h('span', { class: 'log-level' }, entry.level || ''),
    showTrigger && entry.trigger
      ? h('a', { class: 'log-trigger', href: triggerHref ? triggerHref(entry) : null }, entry.trigger)
      : null,
    entry.endpoint ? h('span', { class: 'log-endpoint' }, entry.endpoint) : null,
    h('span', { class: 'log-message' }, entry.message || '',
      data ? h('span', { class: 'log-data', title: data.length >= 400 ? JSON.stringify(entry.data) : null }, ' ' + data) : null),
    entry.line
      ? (onLine
        ? h('button', { class: 'link log-lineno', title: 'show line ' + entry.line + ' in the editor', onclick: () => onLine(entry.line) }, 'line ' + entry.line)
        : h('span', { class: 'log-lineno' }, 'line ' + entry.line))
      : null);
}

/** The field of a trigger that says what it runs on: "lwm2m-register", "generic: lookup", "library". */
export function runsOn(t) {
  if (t.type === 'library') return 'library';
  const type = t.filterType || '?';
  if (t.filterGeneric) return type + ': ' + t.filterGeneric;
  if (t.filterCron) return type + ': ' + t.filterCron;
  if (t.filterTopic) return type + ': ' + t.filterTopic;
  return type;
}

/**
 * The first page of a log-like list (GET /logs or /events, newest last) and the cursor to follow it
 * with. A filtered first page that is empty has no `next`; then the cursor is the newest entry of the
 * unfiltered list, read before the filtered page so that nothing written in between is skipped.
 */
export async function firstPage(path, params, limit) {
  const newest = await api(path + query({ limit: 1 }));
  const page = await api(path + query({ ...params, limit }));
  return { items: page.items, next: page.next || newest.next || '0' };
}
