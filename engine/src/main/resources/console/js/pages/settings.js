// Settings: the run-time settings (GET/PUT /settings) as a form typed by each setting's kind, the
// outbound HTTP services (GET/POST/PUT/DELETE /services; secrets come back masked and a masked value sent
// back keeps what is stored), and the event pipeline's counters (GET /stats), read-only.

import { api } from '../api.js';
import { h, fill, ago, bytes, busy, notify, css } from '../dom.js';

// GET /settings answers values only; what each one means, its default, unit and bounds are declared in
// engine/.../config/Settings.java and copied here (SettingsHintsTest fails when the two differ).
// A setting the server has and this table lacks is still shown, typed by its value.
export const HINTS = {
  script_cpu_budget_ms: {"type": "integer", "description": "CPU time one trigger run may spend executing script code; waiting for devices does not count", "default": 5000, "unit": "ms", "min": 10, "max": 600000},
  script_wall_clock_limit_s: {"type": "integer", "description": "total time one trigger run may take, waits for devices and other triggers included", "default": 120, "unit": "s", "min": 1, "max": 3600},
  script_allocation_budget_mb: {"type": "integer", "description": "memory one trigger run may allocate (its thread's allocations, garbage included) before it is stopped and the failure recorded, so a script piling up objects is stopped long before the heap fills", "default": 256, "unit": "MiB", "min": 16, "max": 65536},
  translateIds: {"type": "choice", "description": "key format of object trees in events and results when a call does not choose one", "default": "combined", "choices": ["combined", "strings", "numbers"]},
  device_timeout_s: {"type": "integer", "description": "how long a request to a device waits for its answer when the call gives no timeout", "default": 30, "unit": "s", "min": 1, "max": 3600},
  events_kept: {"type": "integer", "description": "how many recent events GET /events can return; older ones are dropped", "default": 10000, "min": 100, "max": 10000000},
  logs_kept: {"type": "integer", "description": "how many recent script log entries and trigger errors are kept", "default": 10000, "min": 100, "max": 10000000},
  bootstrap_lifetime: {"type": "integer", "description": "registration lifetime written to the LwM2M Server object by a bootstrap whose configuration gives none (the automatic bootstrap of a known endpoint, a server entry without lifetime)", "default": 3600, "unit": "s", "min": 10, "max": 31536000},
  bootstrap_reply_timeout_s: {"type": "integer", "description": "how long a Bootstrap-Request waits for an lwm2m-bootstrap trigger to call trigger.reply before the stored configuration (or the automatic one) is used", "default": 10, "unit": "s", "min": 1, "max": 120},
  bootstrap_nosec_allowed: {"type": "boolean", "description": "whether endpoints without provisioned credentials may bootstrap over plain CoAP (port 5783); endpoints with provisioned credentials always bootstrap over DTLS", "default": true},
  lwm2m_nosec_allowed: {"type": "boolean", "description": "whether endpoints without credentials may register over plain CoAP (port 5683); endpoints with credentials must always use DTLS", "default": true},
  dtls_cipher_suites: {"type": "choice", "description": "DTLS cipher suites offered: 'compatible' adds the CBC suites LwM2M 1.0 devices need to the AEAD ones of 'modern'; read at start (restart to apply)", "default": "compatible", "choices": ["compatible", "modern"]},
  dtls_session_resumption: {"type": "boolean", "description": "whether DTLS sessions get an id so devices can resume them with a short handshake; read at start (restart to apply)", "default": true},
  dtls_connection_id: {"type": "boolean", "description": "whether the DTLS listeners support connection IDs (RFC 9146), which keep a session across NAT rebinding; read at start (restart to apply)", "default": true},
  cache_max_entries: {"type": "integer", "description": "how many keys the cache shared by triggers (cache.set) holds; beyond it the least recently used go", "default": 100000, "min": 100, "max": 10000000},
  exec_sync_timeout_s: {"type": "integer", "description": "how long exec.sync waits for a reply when the call gives no timeout", "default": 30, "unit": "s", "min": 1, "max": 3600},
  http_timeout_s: {"type": "integer", "description": "how long http.get/http.post wait for an answer when neither the call nor its service gives a timeout", "default": 30, "unit": "s", "min": 1, "max": 300},
  http_allowed_hosts: {"type": "text", "description": "hosts that http.get/http.post may reach: comma-separated names or addresses, '*.example.com' for a domain and its subdomains, address ranges ('10.0.0.0/8'), '*' for any host; loopback, link-local, private and the server's own addresses (also where a name resolves to them) only when an entry names the host, the address or a range holding it, never through '*' or '*.domain'", "default": "*", "max": 4000},
  time_before_missing_s: {"type": "integer", "description": "time before declared missing: after this long without hearing from an endpoint (register, update, any response or notification) an lwm2m-missing event fires, once per silence; an endpoint's own timeBeforeMissing overrides it; 0 never", "default": 86400, "unit": "s", "min": 0, "max": 316224000},
  fota_download_timeout_s: {"type": "integer", "description": "how long a firmware update may take from getting its download slot until the device reports the image downloaded (State 2); waiting for a sleeping device counts", "default": 1800, "unit": "s", "min": 1, "max": 604800},
  fota_update_timeout_s: {"type": "integer", "description": "how long a firmware update may take from executing Update (5/x/2) until the device reports its result or registers again with a new firmware version", "default": 600, "unit": "s", "min": 1, "max": 604800},
  fota_max_concurrent_downloads: {"type": "integer", "description": "firmware updates that may be downloading at once; the others wait in the order they were started", "default": 20, "min": 1, "max": 100000},
  fota_jobs_kept: {"type": "integer", "description": "how many ended firmware updates GET /fota keeps showing; older ones are dropped", "default": 1000, "min": 10, "max": 1000000},
  force_queue_mode: {"type": "boolean", "description": "treat every device as a queue-mode device: asynchronous calls are held while it is asleep (nothing heard from it for queue_awake_time_s since its last registration or update) and sent when it next registers or updates", "default": false},
  queue_awake_time_s: {"type": "integer", "description": "how long a queue-mode device stays awake after the server last heard from it; after that requests to it are held until it wakes", "default": 93, "unit": "s", "min": 1, "max": 86400},
  event_queue_max: {"type": "integer", "description": "events that may wait to be stored and handed to triggers, in each of the two lanes (device data: notifications, read results, Sends; everything else); past it the oldest waiting event of that lane is shed and counted (GET /api/v1/stats)", "default": 20000, "min": 100, "max": 10000000},
  trigger_queue_max: {"type": "integer", "description": "runs of one trigger that may wait for a worker; past it the oldest waiting run of that trigger is shed and counted (GET /api/v1/stats)", "default": 10000, "min": 10, "max": 10000000},
  trigger_max_share: {"type": "integer", "description": "workers (of the 32) that runs of one trigger may hold at once; its other runs wait their turn, so a trigger whose runs loop or wait for long leaves the other workers to other triggers", "default": 16, "unit": "workers", "min": 1, "max": 32},
  trigger_auto_stop_after: {"type": "integer", "description": "runs in a row stopped for going over a budget (CPU, wall clock, allocation) after which a trigger is stopped automatically and the reason recorded against it; its waiting runs are dropped; 0 never", "default": 0, "unit": "runs", "min": 0, "max": 1000000},
  log_line_max_bytes: {"type": "integer", "description": "what one script log line (message and data together, as JSON) or one recorded trigger failure may hold; past it the longest strings are cut and end in '...[truncated: <n> characters]'", "default": 65536, "unit": "bytes", "min": 1024, "max": 16777216},
  event_data_max_bytes: {"type": "integer", "description": "what one event's data may hold as JSON: a larger exec.now/exec.sync payload or call context throws (RangeError) and POST /generic answers 413; larger data from elsewhere (a device) is cut like a log line", "default": 65536, "unit": "bytes", "min": 1024, "max": 16777216},
  reply_max_bytes: {"type": "integer", "description": "what one trigger.reply value may hold as JSON; a larger one throws (RangeError) and nothing is replied", "default": 65536, "unit": "bytes", "min": 1024, "max": 16777216},
  api_page_max_bytes: {"type": "integer", "description": "what one page of GET /events, /logs and /triggers/{id}/errors (and the replay of /events/stream) may hold, besides its limit; a page always holds at least one entry", "default": 4194304, "unit": "bytes", "min": 65536, "max": 268435456},
  max_registrations: {"type": "integer", "description": "registrations this server holds at once; past it a Register from an endpoint not registered now is answered 5.03 Service Unavailable and counted (GET /api/v1/stats)", "default": 100000, "min": 1, "max": 100000000},
  max_unprovisioned_endpoints: {"type": "integer", "description": "endpoint records that registrations without credentials may create and no operator took over (over the API or with credentials); past it a Register from an endpoint with no record is answered 5.03 and counted", "default": 10000, "min": 1, "max": 100000000},
  unprovisioned_expiry_s: {"type": "integer", "description": "how long the record a registration created is kept after its endpoint is no longer registered and was last heard from, unless an operator took it over; 0 keeps them", "default": 2592000, "unit": "s", "min": 0, "max": 316224000},
  lifetime_min_s: {"type": "integer", "description": "shortest registration lifetime (lt) a Register or Update may ask for; shorter is answered 4.00", "default": 1, "unit": "s", "min": 1, "max": 86400},
  lifetime_max_s: {"type": "integer", "description": "longest registration lifetime (lt) a Register or Update may ask for; longer is answered 4.00", "default": 31536000, "unit": "s", "min": 60, "max": 315360000},
  metrics_require_token: {"type": "boolean", "description": "whether GET /metrics (Prometheus text format) needs the API token, like /api/v1; false lets a scraper without the token read it", "default": true},
};

const GROUPS = [
  ['Scripts', /^(script_|exec_|cache_|trigger_|translateIds)/],
  ['Devices and registrations', /^(device_|time_before|force_queue|queue_|max_reg|max_unprov|unprovisioned|lifetime_)/],
  ['Security and bootstrap', /^(bootstrap_|lwm2m_nosec|dtls_)/],
  ['Firmware updates', /^fota_/],
  ['Events, logs and sizes', /^(events_|logs_|event_|log_|reply_|api_page)/],
  ['Outbound HTTP', /^http_/],
  ['Metrics', /^metrics_/],
];

export default async function settings(view) {
  view.title('Settings');
  css('/console/css/admin.css');

  // novalidate: a value out of bounds goes to the server, whose refusal is shown beside the field
  const form = h('form', { id: 'settings-form', class: 'settings-form', novalidate: true });
  const save = h('button', { type: 'submit', form: 'settings-form', class: 'primary', id: 'settings-save', disabled: true },
    'Save changes');
  const undo = h('button', { type: 'button', id: 'settings-undo', disabled: true }, 'Undo changes');
  const filter = h('input', { type: 'search', id: 'settings-filter', placeholder: 'filter: fota, timeout, bytes\u2026',
    'aria-label': 'filter settings' });
  const message = h('div', { id: 'settings-message', 'aria-live': 'polite' });
  const services = servicesPanel();
  const stats = statsPanel(view);

  fill(view.root,
    h('h1', null, 'Settings'),
    h('div', { class: 'toolbar settings-bar' }, filter, h('span', { class: 'grow' }), message, undo, save),
    form,
    services.el,
    stats.el);

  let values = {};
  const fields = new Map(); // name -> {input, row, read()}

  function render() {
    fields.clear();
    const names = Object.keys(values);
    const grouped = GROUPS.map(([title, re]) => [title, names.filter((n) => re.test(n))]);
    const rest = names.filter((n) => !GROUPS.some(([, re]) => re.test(n)));
    if (rest.length) grouped.push(['Other', rest]);
    fill(form, grouped.filter(([, list]) => list.length).map(([title, list]) =>
      h('fieldset', { class: 'panel settings-group' }, h('legend', null, title), list.map(field))));
    applyFilter();
  }

  function field(name) {
    const hint = HINTS[name] || {};
    const value = values[name];
    const kind = hint.type || (typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'integer' : 'text');
    const id = 'setting-' + name;
    let input;
    let read;
    if (kind === 'boolean') {
      input = h('input', { type: 'checkbox', id, checked: value === true, name });
      read = () => input.checked;
    } else if (kind === 'choice') {
      const choices = hint.choices.includes(value) ? hint.choices : [value, ...hint.choices];
      input = h('select', { id, name }, choices.map((c) => h('option', { value: c, selected: c === value }, c)));
      read = () => input.value;
    } else if (kind === 'integer') {
      input = h('input', { type: 'number', id, name, value: String(value), step: 1, min: hint.min, max: hint.max, required: true });
      read = () => (input.value.trim() === '' ? input.value : Number(input.value));
    } else {
      input = h('input', { type: 'text', id, name, value: value === null || value === undefined ? '' : String(value),
        maxlength: hint.max, class: 'wide' });
      read = () => input.value;
    }
    const bounds = [];
    if (hint.unit) bounds.push(hint.unit);
    if (kind === 'integer' && hint.min !== undefined) bounds.push(hint.min.toLocaleString('en') + ' to ' + hint.max.toLocaleString('en'));
    if (hint.default !== undefined) bounds.push('default ' + (typeof hint.default === 'number' ? hint.default.toLocaleString('en') : JSON.stringify(hint.default)));
    const error = h('div', { class: 'field-error error' });
    const row = h('div', { class: 'setting', dataset: { setting: name } },
      h('label', { for: id, class: 'name mono' }, name),
      h('div', { class: 'control' }, input, bounds.length ? h('span', { class: 'muted bounds' }, bounds.join(' · ')) : null),
      h('div', { class: 'description muted' }, hint.description || ''),
      error);
    input.addEventListener(kind === 'boolean' || kind === 'choice' ? 'change' : 'input', () => {
      error.textContent = '';
      row.classList.remove('refused');
      changed();
    });
    fields.set(name, { input, row, read, error });
    return row;
  }

  function changes() {
    const out = {};
    for (const [name, f] of fields) {
      const v = f.read();
      if (v !== values[name]) out[name] = v;
    }
    return out;
  }

  function changed() {
    const c = changes();
    const n = Object.keys(c).length;
    for (const [name, f] of fields) f.row.classList.toggle('changed', name in c);
    save.disabled = n === 0;
    undo.disabled = n === 0;
    fill(save, n ? 'Save ' + n + ' change' + (n === 1 ? '' : 's') : 'Save changes');
  }

  function applyFilter() {
    const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    for (const [name, f] of fields) {
      const text = (name + ' ' + ((HINTS[name] || {}).description || '')).toLowerCase();
      f.row.classList.toggle('hidden', !words.every((w) => text.includes(w)));
    }
    form.querySelectorAll('fieldset').forEach((fs) =>
      fs.classList.toggle('hidden', !fs.querySelector('.setting:not(.hidden)')));
  }
  filter.addEventListener('input', applyFilter);

  undo.addEventListener('click', () => {
    render();
    changed();
    fill(message);
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const c = changes();
    if (!Object.keys(c).length) return;
    busy(save, async () => {
      fill(message);
      try {
        values = await api('/settings', { method: 'PUT', body: c });
      } catch (err) {
        // every change is checked before any is applied: one refusal and nothing changed
        const name = Object.keys(c).find((n) => err.message.startsWith(n + ' ') || err.message.includes("'" + n + "'"));
        if (name && fields.has(name)) {
          const f = fields.get(name);
          f.row.classList.add('refused');
          fill(f.error, err.message);
          f.input.focus();
        }
        fill(message, h('span', { class: 'error', role: 'alert' }, 'Refused, nothing was changed: ' + err.message));
        return;
      }
      const n = Object.keys(c).length;
      render();
      changed();
      Object.keys(c).forEach((name) => fields.get(name) && fields.get(name).row.classList.add('fresh'));
      fill(message, h('span', { class: 'ok' }, 'Saved ' + n + ' setting' + (n === 1 ? '' : 's') + '.'));
      notify('Saved ' + Object.keys(c).join(', '), 'ok');
    }).then(changed); // busy() enables the button again when it ends; changed() then decides
  });

  values = await api('/settings');
  render();
  await Promise.all([services.load(), stats.load()]);
}

// ---------------------------------------------------------------------------------------------- services

const SERVICE_TEMPLATE = { key: 'crm', type: 'http', baseUrl: 'https://crm.example.com/api',
  headers: { 'X-Api-Key': 'secret value' }, basicAuth: null, timeoutSeconds: 10 };

function servicesPanel() {
  const body = h('tbody', { id: 'services-rows' });
  const editorBox = h('div', { id: 'service-editor-box' });
  const add = h('button', { id: 'service-new' }, 'New service\u2026');
  add.addEventListener('click', () => edit(null));

  async function load() {
    try {
      const items = (await api('/services')).items;
      fill(body, items.length ? items.map(row)
        : h('tr', null, h('td', { colspan: 6, class: 'empty' }, 'No services: scripts call http.* with full URLs only.')));
    } catch (e) {
      fill(body, h('tr', null, h('td', { colspan: 6, class: 'error' }, e.message)));
    }
  }

  function row(s) {
    const del = h('button', { class: 'danger' }, 'Delete');
    del.addEventListener('click', () => {
      if (!confirm('Delete the service ' + s.key + '? Scripts that name it will fail.')) return;
      busy(del, async () => {
        await api('/services/' + encodeURIComponent(s.key), { method: 'DELETE' });
        notify('Deleted the service ' + s.key, 'ok');
        fill(editorBox);
        load();
      });
    });
    return h('tr', { dataset: { service: s.key } },
      h('td', null, h('b', null, s.key)),
      h('td', null, s.type || 'http'),
      h('td', { class: 'mono' }, s.baseUrl || s.uri || ''),
      h('td', null, Object.keys(s.headers || {}).map((k) => h('span', { class: 'tag' }, k)),
        s.basicAuth ? h('span', { class: 'tag' }, 'basic auth: ' + s.basicAuth.username) : null),
      h('td', null, s.timeoutSeconds ? s.timeoutSeconds + ' s' : h('span', { class: 'muted' }, 'default')),
      h('td', { class: 'actions' }, h('button', { onclick: () => edit(s) }, 'Edit'), del));
  }

  function edit(service) {
    const text = h('textarea', { id: 'service-json', rows: 12, spellcheck: 'false', 'aria-label': 'service (JSON)' });
    text.value = JSON.stringify(service || SERVICE_TEMPLATE, null, 2);
    const result = h('div', { class: 'check', 'aria-live': 'polite' });
    const save = h('button', { class: 'primary', id: 'service-save' }, service ? 'Save' : 'Create');
    save.addEventListener('click', () => busy(save, async () => {
      let value;
      try {
        value = JSON.parse(text.value);
      } catch (e) {
        fill(result, h('p', { class: 'error' }, 'Not JSON: ' + e.message));
        return;
      }
      try {
        if (service) await api('/services/' + encodeURIComponent(service.key), { method: 'PUT', body: value });
        else await api('/services', { method: 'POST', body: value });
      } catch (e) {
        fill(result, h('p', { class: 'error', role: 'alert' }, 'The server refused it: ' + e.message));
        return;
      }
      notify((service ? 'Saved' : 'Created') + ' the service ' + (value.key || service.key), 'ok');
      fill(editorBox);
      load();
    }));
    fill(editorBox, h('div', { class: 'service-editor' },
      h('h3', null, service ? 'Edit ' + service.key : 'New service'),
      h('p', { class: 'muted' }, h('code', null, '{key, type: "http", baseUrl, headers, basicAuth: {username, password}, timeoutSeconds}'),
        '. Header values and the password come back as ', h('code', null, '********'),
        '; leaving that in place keeps the stored value, anything else replaces it. A save replaces the whole service.'),
      text, result,
      h('div', { class: 'row' }, save, h('button', { onclick: () => fill(editorBox) }, 'Cancel'))));
    text.focus();
  }

  const el = h('section', { class: 'panel', id: 'services' },
    h('div', { class: 'row' }, h('h2', null, 'Services'), h('span', { class: 'grow' }), add),
    h('p', { class: 'muted' }, 'Named outbound HTTP targets for ', h('code', null, 'http.post(service, url, body)'),
      ': their base URL, headers, credentials and timeout stay here, out of the scripts.'),
    h('table', null,
      h('thead', null, h('tr', null, h('th', null, 'Key'), h('th', null, 'Type'), h('th', null, 'Base URL'),
        h('th', null, 'Headers and credentials'), h('th', null, 'Timeout'), h('th', null, ''))),
      body),
    editorBox);
  return { el, load };
}

// ------------------------------------------------------------------------------------------------- stats

function statsPanel(view) {
  const box = h('div', { id: 'stats' });
  const when = h('span', { class: 'muted' });
  const refresh = h('button', { class: 'link', id: 'stats-refresh' }, 'refresh');

  async function load() {
    try {
      show(await api('/stats'));
    } catch (e) {
      fill(box, h('p', { class: 'error' }, e.message));
    }
  }
  refresh.addEventListener('click', () => busy(refresh, load));
  const timer = setInterval(() => { if (!document.hidden) load(); }, 10000);
  view.cleanup(() => clearInterval(timer));

  function show(s) {
    fill(when, 'at ' + new Date(s.ts).toLocaleTimeString() + ', up ' + duration(s.uptime_s));
    const reg = s.registrations || {};
    const q = s.queues || {};
    const heap = s.heap || {};
    const facts = [
      ['Registrations', (reg.current ?? '?') + ' of ' + (reg.max ?? '?')],
      ['Unprovisioned records', (reg.unprovisionedRecords ?? '?') + ' of ' + (reg.unprovisionedMax ?? '?')],
      ['Registers refused', 'full ' + (reg.refusedFull ?? 0) + ', unprovisioned ' + (reg.refusedUnprovisioned ?? 0)
        + ', parameters ' + (reg.refusedParameters ?? 0)],
      ['Event lanes waiting', q.events ? 'control ' + q.events.control + ', data ' + q.events.data + ' (bound ' + q.events.boundPerLane + ' each)' : '?'],
      ['Trigger runs', q.runs ? q.runs.active + ' running, ' + q.runs.waiting + ' waiting, ' + q.runs.workers + ' workers (at most '
        + q.runs.maxSharePerTrigger + ' per trigger)' : '?'],
      ['CoAP', q.coap ? (q.coap.overloaded ? 'overloaded, ' : '') + q.coap.notificationsShed + ' notifications shed, '
        + q.coap.overloadSpells + ' overload spells' : '?'],
      ['Heap', bytes(heap.used) + ' of ' + bytes(heap.max)],
    ];
    const events = Object.entries(s.events || {});
    const triggers = Object.entries(s.triggers || {});
    fill(box,
      h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', null, k), h('dd', null, v)])),
      h('div', { class: 'stats-tables' },
        h('table', { class: 'compact' },
          h('thead', null, h('tr', null, h('th', null, 'Event type'), h('th', { class: 'num' }, 'Published'), h('th', { class: 'num' }, 'Shed'))),
          h('tbody', null, events.map(([type, c]) => h('tr', { class: c.published ? '' : 'quiet' },
            h('td', { class: 'mono' }, type), h('td', { class: 'num' }, c.published), h('td', { class: 'num' + (c.shed ? ' error' : '') }, c.shed))))),
        h('table', { class: 'compact' },
          h('thead', null, h('tr', null, h('th', null, 'Trigger'), h('th', { class: 'num' }, 'Runs'), h('th', { class: 'num' }, 'Failed'),
            h('th', { class: 'num' }, 'Shed'), h('th', { class: 'num' }, 'Over budget'), h('th', null, 'Last run'))),
          h('tbody', null, triggers.length ? triggers.map(([id, t]) => h('tr', null,
            h('td', null, id, t.lastAutoStop ? h('div', { class: 'error' }, 'stopped: ' + t.lastAutoStop.reason) : null),
            h('td', { class: 'num' }, t.runs ?? ''), h('td', { class: 'num' + (t.failed ? ' error' : '') }, t.failed ?? ''),
            h('td', { class: 'num' }, t.shed ?? ''),
            h('td', { class: 'num' }, t.budgetFailures ? Object.values(t.budgetFailures).reduce((a, b) => a + b, 0) : ''),
            h('td', { class: 'muted' }, t.lastRunEndedMs ? ago(t.lastRunEndedMs) : '')))
            : h('tr', null, h('td', { colspan: 6, class: 'empty' }, 'No trigger has run since the start.'))))));
  }

  const el = h('section', { class: 'panel', id: 'stats-panel' },
    h('div', { class: 'row' }, h('h2', null, 'Pipeline'), when, h('span', { class: 'grow' }), refresh),
    box);
  return { el, load };
}

function duration(s) {
  if (s === undefined || s === null) return '?';
  if (s < 120) return s + ' s';
  if (s < 7200) return Math.round(s / 60) + ' min';
  if (s < 172800) return Math.round(s / 3600) + ' h';
  return Math.round(s / 86400) + ' days';
}
