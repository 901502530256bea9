// Small DOM helpers shared by the pages. Text always goes in as text nodes (never innerHTML), so
// device names, values and log lines can hold anything without becoming markup.

/**
 * h('button', {class: 'x', onclick: fn, dataset: {test: 'y'}}, 'text', child, [more]) builds an element.
 * Attributes named on* become listeners; `null`/`false` attributes and children are skipped.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else if (k === 'checked' || k === 'disabled' || k === 'selected') el[k] = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Replaces everything inside `el`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** "12 s ago", "3 min ago", or the date for older times. */
export function ago(ts) {
  if (!ts) return '';
  const t = typeof ts === 'number' ? ts : Date.parse(ts);
  if (Number.isNaN(t)) return String(ts);
  const s = Math.round((Date.now() - t) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.floor(s / 60) + ' min ago';
  if (s < 86400) return Math.floor(s / 3600) + ' h ago';
  return new Date(t).toLocaleString();
}

/** A time as the user's local date and time, with the ISO form in its tooltip. */
export function time(ts) {
  if (!ts) return h('span', { class: 'muted' }, '—');
  const d = new Date(ts);
  return h('time', { datetime: d.toISOString(), title: d.toISOString() }, d.toLocaleString());
}

export function bytes(n) {
  if (n === undefined || n === null) return '';
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KiB';
  return (n / 1024 / 1024).toFixed(1) + ' MiB';
}

/** A value for showing: strings as they are, the rest as compact JSON. */
export function show(value) {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A message banner at the top of the page; errors stay until closed, others fade. */
export function notify(message, kind = 'info') {
  const box = document.getElementById('notices');
  if (!box) return;
  const note = h('div', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status' },
    h('span', null, message),
    h('button', { class: 'link', 'aria-label': 'close', onclick: () => note.remove() }, '×'));
  box.appendChild(note);
  if (kind !== 'error') setTimeout(() => note.remove(), 4000);
}

/** Runs an async action from a button: disables it meanwhile, shows the error if it fails. */
export async function busy(button, action) {
  button.disabled = true;
  try {
    return await action();
  } catch (e) {
    notify(e.message || String(e), 'error');
    return undefined;
  } finally {
    button.disabled = false;
  }
}

/** A status pill: registered, sleeping, missing, deregistered... */
export function pill(text, kind) {
  return h('span', { class: 'pill ' + (kind || text || '') }, text || '—');
}

/** Loads a stylesheet once (pages bring their own). */
export function css(href) {
  if (document.querySelector('link[href="' + href + '"]')) return;
  document.head.appendChild(h('link', { rel: 'stylesheet', href }));
}

/** Loads a classic script once (CodeMirror 5 is one), resolving when it has run. */
const scripts = new Map();
export function script(src) {
  if (!scripts.has(src)) {
    scripts.set(src, new Promise((resolve, reject) => {
      const el = h('script', { src });
      el.onload = resolve;
      el.onerror = () => reject(new Error('could not load ' + src));
      document.head.appendChild(el);
    }));
  }
  return scripts.get(src);
}
