// Devices: the endpoint list (GET /endpoints?q=, the endpoint.search syntax), kept live from the event
// stream: a device that registers, updates, deregisters or goes missing is shown without a reload.

import { api, query, streamEvents } from '../api.js';
import { h, fill, ago, pill, busy, notify } from '../dom.js';

const LIVE_TYPES = new Set(['lwm2m-register', 'lwm2m-update', 'lwm2m-deregister', 'lwm2m-missing', 'lwm2m-bootstrap']);

export default async function devices(view) {
  view.title('Devices');
  const search = h('input', { type: 'search', id: 'device-search', value: view.query.get('q') || '',
    placeholder: 'search: status:connected AND tags.site: berlin', 'aria-label': 'search devices' });
  const state = h('span', { class: 'pill', id: 'live-state' }, 'connecting');
  const count = h('span', { class: 'muted', id: 'device-count' });
  const body = h('tbody', { id: 'device-rows' });
  const more = h('button', { class: 'hidden', id: 'device-more' }, 'Load more');
  const provision = provisionForm(() => reload());

  fill(view.root,
    h('h1', null, 'Devices'),
    h('div', { class: 'toolbar' },
      h('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); applySearch(); } },
        search, h('button', { type: 'submit' }, 'Search')),
      count, h('span', { class: 'grow' }), state,
      h('button', { onclick: () => provision.classList.toggle('hidden') }, 'Provision a device…')),
    provision,
    h('table', { class: 'devices' },
      h('thead', null, h('tr', null,
        h('th', null, 'Endpoint'), h('th', null, 'Status'), h('th', null, 'Tags'),
        h('th', null, 'LwM2M'), h('th', null, 'Address'), h('th', null, 'Last seen'))),
      body),
    more);

  let next = null;
  const seen = new Map(); // key -> row, to mark rows that changed since the last load

  function applySearch() {
    const q = search.value.trim();
    history.replaceState(null, '', '#/devices' + (q ? '?q=' + encodeURIComponent(q) : ''));
    reload();
  }

  async function reload() {
    try {
      const page = await api('/endpoints' + query({ q: search.value.trim() }));
      const rows = page.items.map(row);
      fill(body, rows.length ? rows : h('tr', null, h('td', { colspan: 6, class: 'empty' },
        search.value.trim() ? 'No device matches this search.' : 'No devices yet: point a LwM2M client at this server.')));
      next = page.next;
      more.classList.toggle('hidden', !next);
      fill(count, page.items.length + (next ? '+' : '') + ' device' + (page.items.length === 1 ? '' : 's'));
    } catch (e) {
      fill(body, h('tr', null, h('td', { colspan: 6, class: 'error' }, e.message)));
    }
  }

  more.addEventListener('click', () => busy(more, async () => {
    const page = await api('/endpoints' + query({ q: search.value.trim(), after: next }));
    page.items.forEach((r) => body.appendChild(row(r)));
    next = page.next;
    more.classList.toggle('hidden', !next);
  }));

  function row(r) {
    const reg = r.registration;
    const status = reg && reg.queueMode && r.status === 'connected' ? 'connected (queue mode)' : r.status;
    const signature = JSON.stringify([r.status, reg && reg.lastUpdate, r.lastSeen]);
    const tr = h('tr', { class: 'clickable', dataset: { endpoint: r.key }, onclick: () => view.go('#/devices/' + encodeURIComponent(r.key)) },
      h('td', null, h('a', { href: '#/devices/' + encodeURIComponent(r.key) }, r.name || r.key),
        r.name && r.name !== r.key ? h('div', { class: 'muted' }, r.key) : null),
      h('td', null, pill(status, r.status === 'connected' ? 'registered' : r.status === 'missing' ? 'missing' : '')),
      h('td', null, Object.entries(r.tags || {}).map(([k, v]) => h('span', { class: 'tag' }, k + '=' + v))),
      h('td', null, reg ? reg.version + ' · ' + reg.binding : ''),
      h('td', { class: 'mono' }, reg ? reg.remoteAddr : ''),
      h('td', { title: r.lastSeen || '' }, ago(r.lastSeen)));
    if (seen.has(r.key) && seen.get(r.key) !== signature) tr.classList.add('fresh');
    seen.set(r.key, signature);
    return tr;
  }

  // the stream says something changed; one reload per burst keeps a registration storm cheap
  let pending = null;
  const stop = streamEvents({}, (event) => {
    if (!LIVE_TYPES.has(event.type)) return;
    if (!seen.has(event.endpoint && event.endpoint.key)) seen.set(event.endpoint.key, 'new');
    if (!pending) pending = setTimeout(() => { pending = null; reload(); }, 400);
  }, { onState: (s) => { fill(state, s); state.className = 'pill ' + s; } });
  const tick = setInterval(() => body.querySelectorAll('td[title]').forEach((td) => {
    if (td.title) td.textContent = ago(td.title);
  }), 10000);
  view.cleanup(() => { stop(); clearInterval(tick); clearTimeout(pending); });

  await reload();
}

function provisionForm(done) {
  const ep = h('input', { name: 'endpoint', required: true, placeholder: 'endpoint name' });
  const identity = h('input', { name: 'identity', placeholder: 'PSK identity (optional)' });
  const psk = h('input', { name: 'psk', placeholder: 'PSK, hex (write-only)', pattern: '([0-9a-fA-F]{2})*', autocomplete: 'off' });
  const tags = h('input', { name: 'tags', placeholder: 'tags: site=berlin, kind=meter' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Provision');
  const form = h('form', { class: 'panel row hidden', id: 'provision' }, ep, identity, psk, tags, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, async () => {
      const body = { endpoint: ep.value.trim(), tags: parseTags(tags.value) };
      if (identity.value.trim()) body.identity = identity.value.trim();
      if (psk.value.trim()) body.psk = psk.value.trim();
      await api('/endpoints', { method: 'POST', body });
      notify('Provisioned ' + body.endpoint, 'ok');
      form.reset();
      form.classList.add('hidden');
      done();
    });
  });
  return form;
}

/** "a=1, b=2" -> {a: "1", b: "2"} */
export function parseTags(text) {
  const tags = {};
  for (const part of text.split(',')) {
    const i = part.indexOf('=');
    if (i > 0) tags[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return tags;
}
