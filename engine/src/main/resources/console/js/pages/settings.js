// Settings: the run-time settings (GET/PUT /settings) as a form typed by each setting's kind, the
// outbound HTTP services and MQTT broker connections (GET/POST/PUT/DELETE /services; secrets come back masked and a masked value sent
// back keeps what is stored), and the event pipeline's counters (GET /stats), read-only.

import { api } from '../api.js';
import { h, fill, ago, bytes, busy, notify, css } from '../dom.js';

// GET /settings answers values only; what each one means, its default, unit and bounds are declared in
// engine/.../config/Settings.java and copied here (SettingsHintsTest fails when the two differ).
// A setting the server has and this table lacks is still shown, typed by its value.
// what each setting is (type, description, default, unit, bounds), from GET /settings/schema
let HINTS = {};

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
        maxlength: hint.maxLength, class: 'wide' });
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

  const [schema, current] = await Promise.all([api('/settings/schema'), api('/settings')]);
  HINTS = Object.fromEntries(schema.items.map((d) => [d.name, d]));
  values = current;
  render();
  await Promise.all([services.load(), stats.load()]);
}

// ---------------------------------------------------------------------------------------------- services

const SERVICE_TEMPLATE = { key: 'crm', type: 'http', baseUrl: 'https://crm.example.com/api',
  headers: { 'X-Api-Key': 'secret value' }, basicAuth: null, timeoutSeconds: 10 };
const MQTT_TEMPLATE = { key: 'broker', type: 'mqtt', uri: 'mqtts://broker.example.com:8883',
  clientId: 'lwm2m-bridge-1', username: 'bridge', password: 'secret value', keepAliveSeconds: 60, cleanStart: true,
  protocolVersion: '5' };

// an MQTT service's connection, as its status says: state, and the last error while not connected
function mqttState(s) {
  const st = s.status || {};
  const tags = [h('span', { class: 'pill ' + (st.state || 'connecting'), dataset: { state: st.state || '' } },
    st.state || 'connecting')];
  if (s.username) tags.push(h('span', { class: 'tag' }, 'user: ' + s.username));
  if (s.clientCertificate) tags.push(h('span', { class: 'tag' }, 'client certificate'));
  if (st.queued) tags.push(h('span', { class: 'tag' }, st.queued + ' queued'));
  if (st.shed) tags.push(h('span', { class: 'tag' }, st.shed + ' shed'));
  if (st.lastError && st.state !== 'connected') tags.push(h('div', { class: 'error' }, st.lastError));
  return tags;
}

function servicesPanel() {
  const body = h('tbody', { id: 'services-rows' });
  const editorBox = h('div', { id: 'service-editor-box' });
  const add = h('button', { id: 'service-new' }, 'New HTTP service\u2026');
  add.addEventListener('click', () => edit(null));
  const addMqtt = h('button', { id: 'service-new-mqtt' }, 'New MQTT service\u2026');
  addMqtt.addEventListener('click', () => edit(null, MQTT_TEMPLATE));

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
      s.type === 'mqtt' ? h('td', null, mqttState(s))
        : h('td', null, Object.keys(s.headers || {}).map((k) => h('span', { class: 'tag' }, k)),
          s.basicAuth ? h('span', { class: 'tag' }, 'basic auth: ' + s.basicAuth.username) : null),
      s.type === 'mqtt' ? h('td', null, 'keep-alive ' + s.keepAliveSeconds + ' s')
        : h('td', null, s.timeoutSeconds ? s.timeoutSeconds + ' s' : h('span', { class: 'muted' }, 'default')),
      h('td', { class: 'actions' }, h('button', { onclick: () => edit(s) }, 'Edit'), del));
  }

  function edit(service, template) {
    const text = h('textarea', { id: 'service-json', rows: 12, spellcheck: 'false', 'aria-label': 'service (JSON)' });
    // the connection's status is the server's to say, not a field to edit
    const shown = service ? Object.fromEntries(Object.entries(service).filter(([k]) => k !== 'status')) : null;
    text.value = JSON.stringify(shown || template || SERVICE_TEMPLATE, null, 2);
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
        ' or ', h('code', null, '{key, type: "mqtt", uri, clientId, username, password, keepAliveSeconds, cleanStart, protocolVersion, caCertificate, clientCertificate, clientKey}'),
        '. Header values, passwords and keys come back as ', h('code', null, '********'),
        '; leaving that in place keeps the stored value, anything else replaces it. A save replaces the whole service.'),
      text, result,
      h('div', { class: 'row' }, save, h('button', { onclick: () => fill(editorBox) }, 'Cancel'))));
    text.focus();
  }

  const el = h('section', { class: 'panel', id: 'services' },
    h('div', { class: 'row' }, h('h2', null, 'Services'), h('span', { class: 'grow' }), add, addMqtt),
    h('p', { class: 'muted' }, 'Named outbound HTTP targets for ', h('code', null, 'http.post(service, url, body)'),
      ' and MQTT broker connections for ', h('code', null, 'mqtt.publish(service, topic, payload)'),
      ', mqtt-message triggers and the MQTT bridge: their addresses, credentials and timeouts stay here, out of the scripts.'),
    h('table', null,
      h('thead', null, h('tr', null, h('th', null, 'Key'), h('th', null, 'Type'), h('th', null, 'Base URL or broker'),
        h('th', null, 'Headers, credentials, connection'), h('th', null, 'Timeout'), h('th', null, ''))),
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
