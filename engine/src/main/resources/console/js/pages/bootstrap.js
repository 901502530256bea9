// Bootstrap: the stored bootstrap configurations (GET /bootstrap), one edited as JSON in the reply schema
// of SCRIPTING.md (GET/PUT/DELETE /bootstrap/{endpoint}), and the endpoint's recent bootstraps
// (/bootstrap/{endpoint}/history). Keys are write-only: the API answers pskSet/privateKeySet instead, and
// a configuration sent back with those flags keeps the keys stored for the same shortServerId.

import { api, ApiError } from '../api.js';
import { h, fill, time, pill, busy, notify, css } from '../dom.js';

const TOP_FIELDS = ['clearSecurityObjects', 'clearServerObjects', 'clearAclObjects', 'servers', 'acls', 'objects'];
const SERVER_FIELDS = ['shortServerId', 'self', 'bootstrap', 'serverUri', 'secMode', 'identityString', 'identityHex',
  'pskHex', 'certificateHex', 'privateKeyHex', 'serverCertificateHex', 'lifetime', 'defaultMinPeriod',
  'defaultMaxPeriod', 'disableTimeout', 'binding', 'notificationStoring', 'clientHoldOffTime',
  'bootstrapServerAccountTimeout', 'pskSet', 'privateKeySet'];
// the write-only keys and the flags the API answers in their place
const SECRETS = [['pskHex', 'pskSet', 'psk'], ['privateKeyHex', 'privateKeySet', 'cert']];

const TEMPLATE = {
  clearSecurityObjects: true, clearServerObjects: true, clearAclObjects: false,
  servers: [{ shortServerId: 99, self: true, secMode: 'psk', lifetime: 3600, binding: 'U' }],
};

export default async function bootstrap(view) {
  view.title('Bootstrap');
  css('/console/css/admin.css');

  const list = h('tbody', { id: 'bootstrap-rows' });
  const count = h('span', { class: 'muted', id: 'bootstrap-count' });
  const newName = h('input', { id: 'bootstrap-new', placeholder: 'endpoint name', 'aria-label': 'endpoint of a new configuration',
    autocomplete: 'off' });
  const detail = h('div', { id: 'bootstrap-detail', class: 'bootstrap-detail' });

  fill(view.root,
    h('h1', null, 'Bootstrap'),
    h('p', { class: 'muted intro' }, 'A configuration stored for an endpoint is what the bootstrap server writes to it when no ',
      h('code', null, 'lwm2m-bootstrap'), ' trigger replies first. Without either, a known endpoint is bootstrapped to this server with its stored credentials.'),
    h('div', { class: 'split' },
      h('div', null,
        h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); openNew(); } },
          newName, h('button', { type: 'submit', id: 'bootstrap-create' }, 'New or open'), count),
        h('table', { class: 'bootstrap-list' },
          h('thead', null, h('tr', null, h('th', null, 'Endpoint'), h('th', null, 'Servers'), h('th', null, 'Clears'))),
          list)),
      detail));

  let items = [];
  async function reload() {
    try {
      items = (await api('/bootstrap')).items.sort((a, b) => a.endpoint.localeCompare(b.endpoint));
      fill(list, items.length ? items.map(row)
        : h('tr', null, h('td', { colspan: 3, class: 'empty' }, 'No configuration stored.')));
      fill(count, items.length + ' stored');
      mark();
    } catch (e) {
      fill(list, h('tr', null, h('td', { colspan: 3, class: 'error' }, e.message)));
    }
  }

  function row(item) {
    const c = item.config || {};
    const servers = (c.servers || []).map((s) => h('div', null, h('span', { class: 'mono' }, s.shortServerId), ' ',
      s.bootstrap ? 'bootstrap ' : '', s.self ? 'this server' : s.serverUri || '', ' ', pill(s.secMode || 'nosec')));
    const clears = [c.clearSecurityObjects && '/0', c.clearServerObjects && '/1', c.clearAclObjects && '/2'].filter(Boolean).join(' ');
    return h('tr', { class: 'clickable', dataset: { bootstrapEndpoint: item.endpoint }, onclick: () => select(item.endpoint) },
      h('td', null, h('a', { href: '#/bootstrap?endpoint=' + encodeURIComponent(item.endpoint) }, item.endpoint)),
      h('td', null, servers.length ? servers : h('span', { class: 'muted' }, 'none')),
      h('td', { class: 'mono' }, clears || h('span', { class: 'muted' }, '—')));
  }

  function mark() {
    const current = view.query.get('endpoint');
    list.querySelectorAll('tr[data-bootstrap-endpoint]').forEach((tr) =>
      tr.classList.toggle('selected', tr.dataset.bootstrapEndpoint === current));
  }

  function select(endpoint) {
    history.replaceState(null, '', '#/bootstrap?endpoint=' + encodeURIComponent(endpoint));
    view.query.set('endpoint', endpoint);
    mark();
    show(endpoint);
  }

  function openNew() {
    const name = newName.value.trim();
    if (name) {
      newName.value = '';
      select(name);
    }
  }

  async function show(endpoint) {
    fill(detail, h('p', { class: 'muted' }, 'loading\u2026'));
    let config = null;
    try {
      config = await api('/bootstrap/' + encodeURIComponent(endpoint));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
    }
    if (!view.current() || view.query.get('endpoint') !== endpoint) return;
    fill(detail, editor(endpoint, config, reload), historyPanel(endpoint));
  }

  await reload();
  const first = view.query.get('endpoint');
  if (first) await show(first);
  else fill(detail, h('div', { class: 'panel empty' }, 'Choose a configuration, or name an endpoint to write one for it or to see its recent bootstraps.'));
}

function editor(endpoint, config, saved) {
  const stored = config !== null;
  const text = h('textarea', { id: 'bootstrap-json', rows: 22, spellcheck: 'false', 'aria-label': 'configuration (JSON)' });
  text.value = JSON.stringify(stored ? config : TEMPLATE, null, 2);
  const check = h('div', { id: 'bootstrap-check', class: 'check', 'aria-live': 'polite' });
  const save = h('button', { class: 'primary', id: 'bootstrap-save' }, stored ? 'Save' : 'Store');
  const del = stored ? h('button', { class: 'danger', id: 'bootstrap-delete' }, 'Delete') : null;
  const revert = h('button', { id: 'bootstrap-revert' }, 'Revert');

  function validate() {
    const result = checkConfig(text.value);
    const lines = [...result.errors.map((m) => h('li', { class: 'error' }, m)),
      ...result.warnings.map((m) => h('li', { class: 'warn' }, m))];
    fill(check, lines.length ? h('ul', null, lines) : h('p', { class: 'ok' }, 'Valid JSON in the reply schema.'));
    save.disabled = result.errors.length > 0;
    return result;
  }
  text.addEventListener('input', validate);
  revert.addEventListener('click', () => {
    text.value = JSON.stringify(stored ? config : TEMPLATE, null, 2);
    validate();
  });

  const done = h('span', { class: 'ok', id: 'bootstrap-saved' });
  text.addEventListener('input', () => fill(done));
  // busy() enables the button again when it ends; validate() then decides
  save.addEventListener('click', () => busy(save, async () => {
    fill(done);
    const result = validate();
    if (result.errors.length) return;
    try {
      await api('/bootstrap/' + encodeURIComponent(endpoint), { method: 'PUT', body: forSaving(result.value) });
    } catch (e) {
      fill(check, h('p', { class: 'error', role: 'alert' }, 'The server refused it: ' + e.message));
      return;
    }
    notify('Stored the bootstrap configuration of ' + endpoint, 'ok');
    saved();
    // what is stored now, as the API shows it (keys replaced by their flags again)
    const fresh = await api('/bootstrap/' + encodeURIComponent(endpoint));
    text.value = JSON.stringify(fresh, null, 2);
    config = fresh;
    fill(done, 'Stored at ' + new Date().toLocaleTimeString() + '.');
  }).then(validate));
  if (del) {
    del.addEventListener('click', () => {
      if (!confirm('Delete the bootstrap configuration of ' + endpoint + '?')) return;
      busy(del, async () => {
        await api('/bootstrap/' + encodeURIComponent(endpoint), { method: 'DELETE' });
        notify('Deleted the bootstrap configuration of ' + endpoint, 'ok');
        location.hash = '#/bootstrap';
      });
    });
  }

  const panel = h('section', { class: 'panel', id: 'bootstrap-editor' },
    h('div', { class: 'row' }, h('h2', null, endpoint), stored ? pill('stored', 'builtin') : pill('not stored yet', 'queued')),
    h('p', { class: 'muted' }, 'The reply schema of SCRIPTING.md: ', h('code', null, 'servers'), ' (',
      h('code', null, 'self: true'), ' for this server with fresh credentials), ', h('code', null, 'acls'), ', ',
      h('code', null, 'objects'), ' and the ', h('code', null, 'clear\u2026Objects'), ' flags.'),
    h('p', { class: 'secret-note' }, h('b', null, 'Keys are write-only. '),
      'The API never returns a PSK or private key: a server that has one shows ', h('code', null, '"pskSet": true'), ' or ',
      h('code', null, '"privateKeySet": true'), ' instead. Leave the flag to keep the stored key for that shortServerId, or give ',
      h('code', null, 'pskHex'), ' / ', h('code', null, 'privateKeyHex'), ' to replace it.'),
    text,
    check,
    h('div', { class: 'row' }, save, revert, done, h('span', { class: 'grow' }), del));
  validate();
  return panel;
}

/** Parses and checks the editor's text; errors block saving, warnings name fields no bootstrap would use. */
export function checkConfig(source) {
  const errors = [];
  const warnings = [];
  let value;
  try {
    value = JSON.parse(source);
  } catch (e) {
    return { errors: ['Not JSON: ' + e.message + where(source, e.message)], warnings };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { errors: ['A configuration is a JSON object with servers, acls and objects.'], warnings, value };
  }
  for (const k of Object.keys(value)) {
    if (!TOP_FIELDS.includes(k)) warnings.push('Unknown field \u201c' + k + '\u201d: stored, but no bootstrap uses it (a typo for ' + closest(k, TOP_FIELDS) + '?).');
  }
  if (value.servers !== undefined && !Array.isArray(value.servers)) errors.push('servers must be a list.');
  (Array.isArray(value.servers) ? value.servers : []).forEach((s, i) => {
    const at = 'servers[' + i + ']';
    if (!s || typeof s !== 'object' || Array.isArray(s)) {
      errors.push(at + ' must be an object.');
      return;
    }
    for (const k of Object.keys(s)) {
      if (!SERVER_FIELDS.includes(k)) warnings.push(at + ': unknown field \u201c' + k + '\u201d, stored but never used (' + closest(k, SERVER_FIELDS) + '?).');
    }
    const mode = String(s.secMode || 'nosec').toLowerCase();
    if (!['nosec', 'psk', 'cert'].includes(mode)) errors.push(at + '.secMode must be nosec, psk or cert.');
    if (!s.self && !s.bootstrap && (s.shortServerId === undefined || s.shortServerId === null)) {
      errors.push(at + '.shortServerId is required (1 to 65534).');
    }
    if (!s.self && !s.serverUri) errors.push(at + '.serverUri is required unless self is true.');
    for (const [secret, flag, needs] of SECRETS) {
      if (s.self || mode !== needs) continue;
      if (!s[secret] && s[flag]) {
        // the server keeps the key it holds for this shortServerId
      } else if (!s[secret]) {
        errors.push(at + '.' + secret + ' is required for secMode ' + mode + '.');
      }
      if (s[secret] && !/^([0-9a-fA-F]{2})+$/.test(String(s[secret]))) errors.push(at + '.' + secret + ' must be hex.');
    }
  });
  return { errors, warnings, value };
}

/** The configuration as the PUT takes it: a flag stays only where it stands for a stored key, a given key replaces it. */
function forSaving(value) {
  const copy = JSON.parse(JSON.stringify(value));
  for (const s of Array.isArray(copy.servers) ? copy.servers : []) {
    if (s && typeof s === 'object') {
      for (const [secret, flag] of SECRETS) if (s[secret] || s[flag] !== true) delete s[flag];
    }
  }
  return copy;
}

/** " (line 3, column 7)" from the position a JSON.parse message names, when it names one. */
function where(source, message) {
  const m = /position (\d+)/.exec(message);
  if (!m || /line \d+/.test(message)) return '';
  const before = source.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  return ' (line ' + line + ', column ' + (before.length - before.lastIndexOf('\n')) + ')';
}

function closest(word, names) {
  const w = word.toLowerCase();
  let best = names[0];
  let score = Infinity;
  for (const n of names) {
    const d = distance(w, n.toLowerCase());
    if (d < score) {
      score = d;
      best = n;
    }
  }
  return best;
}

function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return row[b.length];
}

function historyPanel(endpoint) {
  const body = h('tbody', { id: 'bootstrap-history' });
  const refresh = h('button', { class: 'link' }, 'refresh');
  async function load() {
    try {
      const items = (await api('/bootstrap/' + encodeURIComponent(endpoint) + '/history')).items.slice().reverse();
      fill(body, items.length ? items.map((o) => h('tr', { dataset: { result: o.result } },
        h('td', null, time(o.ts)),
        h('td', null, pill(o.result, o.result === 'success' ? 'succeeded' : o.result === 'failed' ? 'failed' : '')),
        h('td', null, o.source || h('span', { class: 'muted' }, '—')),
        h('td', { class: 'mono' }, o.remoteAddr || ''),
        h('td', null, o.version || ''),
        h('td', { class: o.cause ? 'error' : '' }, o.cause || '')))
        : h('tr', null, h('td', { colspan: 6, class: 'empty' }, 'No bootstrap of ' + endpoint + ' since it was last kept.')));
    } catch (e) {
      fill(body, h('tr', null, h('td', { colspan: 6, class: 'error' }, e.message)));
    }
  }
  refresh.addEventListener('click', load);
  load();
  return h('section', { class: 'panel' },
    h('div', { class: 'row' }, h('h2', null, 'Recent bootstraps'), refresh),
    h('table', null,
      h('thead', null, h('tr', null, h('th', null, 'When'), h('th', null, 'Result'), h('th', null, 'Source'),
        h('th', null, 'Address'), h('th', null, 'LwM2M'), h('th', null, 'Cause'))),
      body));
}
