// One device (#/devices/{key}): its objects as a tree named from the object registry (at the version the
// device announced), with the last known values and their times; read, write, execute, observe, cancel,
// discover and write-attributes from each node, the device's answer or error shown beside it; a call to a
// sleeping queue-mode device is sent again asynchronously and held, its answer shown when it wakes;
// registration facts, tags, queue mode and held requests, recent events and the firmware job. Kept live
// from the event stream: notifications and reads update the tree.
//
// Markup the browser tests rely on: every tree node has data-path ("/3", "/3/0", "/3/0/0"; a multiple
// resource's instances "/3/0/6/0" inside its .value); a resource node holds buttons
// data-action="read|observe|cancel|attributes|write|execute|arguments" as its operations allow (object
// and instance nodes: read|observe|cancel|discover|attributes), the shown value in .value, and the last
// answer in .answer (with class ok, error, held or pending). Write, "arguments" (execute with arguments)
// and "attributes" open a form.editor in the node: inputs [name=value] (one per .ri-row for a multiple
// resource, button.add-instance adds one) or [name=pmin|pmax|gt|lt|st], submitted by data-action="send".
// The h1 holding the endpoint name is #device-title; the panels are #device-facts, #device-tags,
// #device-queue (#held-requests), #device-firmware and #device-events; #live-state is the stream's state.

import { api, ApiError, streamEvents } from '../api.js';
import { h, fill, ago, time, show, pill, busy, notify, css } from '../dom.js';

const REGISTRATION_TYPES = new Set(['lwm2m-register', 'lwm2m-update', 'lwm2m-deregister', 'lwm2m-missing']);
const FIRMWARE_TYPES = new Set(['lwm2m-firmware-update-status', 'lwm2m-firmware-update-complete']);
const PHASES = ['queued', 'starting', 'downloading', 'downloaded', 'updating', 'complete'];
const EVENTS_SHOWN = 50;
const SLEEPING = /^device is sleeping/;

export default async function device(view) {
  css('/console/css/device.css');
  const key = view.params.key;
  const base = '/endpoints/' + encodeURIComponent(key);
  view.title(key);

  const title = h('h1', { id: 'device-title' }, key);
  const statusBox = h('span', { id: 'device-status' });
  const live = h('span', { class: 'pill', id: 'live-state' }, 'connecting');
  const tree = h('div', { class: 'tree', id: 'device-tree' }, h('p', { class: 'muted' }, 'Loading\u2026'));
  const filter = h('input', { type: 'search', id: 'tree-filter', placeholder: 'filter: name, id or path', 'aria-label': 'filter resources' });
  const facts = h('dl', { class: 'facts', id: 'device-facts' });
  const tagsBox = h('div', { id: 'device-tags' });
  const queueBox = h('div', { id: 'device-queue' });
  const fwBox = h('div', { id: 'device-firmware' });
  const eventList = h('ol', { class: 'events', id: 'device-events' });

  fill(view.root,
    h('div', { class: 'device-head' },
      h('a', { href: '#/devices', class: 'back' }, '\u2190 Devices'),
      title, statusBox, h('span', { class: 'grow' }), live),
    h('div', { class: 'device-layout' },
      h('section', { class: 'panel tree-panel' },
        h('div', { class: 'row panel-head' }, h('h2', null, 'Objects'), h('span', { class: 'grow' }), filter),
        tree),
      h('aside', { class: 'side' },
        h('section', { class: 'panel' }, h('h2', null, 'Registration'), facts),
        h('section', { class: 'panel' }, h('h2', null, 'Tags'), tagsBox),
        h('section', { class: 'panel' }, h('h2', null, 'Queue mode'), queueBox),
        h('section', { class: 'panel' }, h('h2', null, 'Firmware'), fwBox),
        h('section', { class: 'panel' },
          h('div', { class: 'row panel-head' }, h('h2', null, 'Recent events'), h('span', { class: 'grow' }),
            h('a', { href: '#/events?endpoint=' + encodeURIComponent(key) }, 'all')),
          eventList))));

  let record = null;
  let structure = '';
  const defs = new Map(); // object id -> definition (null when the registry has none)
  const values = new Map(); // "/3/0/0" -> {value, ts}; a multiple resource's value and ts are maps by instance
  const nodes = new Map(); // path -> {el, answer, render?}
  const observed = new Set(); // paths observed as far as this page saw
  const present = new Map(); // "/3/0" -> Set of resource ids a Discover reported
  const pending = new Map(); // context id of a call held for a sleeping device -> {path, op}
  let sequence = 0;
  let shownTags = null;
  let queueMode = false; // as the server sees it (force_queue_mode included); polled while on

  // ---- loading ----

  try {
    record = await api(base);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    fill(view.root, h('div', { class: 'device-head' }, h('a', { href: '#/devices', class: 'back' }, '\u2190 Devices'), title),
      h('p', { class: 'error', role: 'alert' }, e.message));
    return;
  }
  if (!view.current()) return;
  renderRecord();
  const [recent] = await Promise.all([
    api('/events?endpoint=' + encodeURIComponent(key) + '&limit=' + EVENTS_SHOWN).catch(() => ({ items: [] })),
    api(base + '/last-known').catch(() => ({})).then((known) => { foldLastKnown(known); return loadDefinitions(); }),
    loadQueue(),
    loadFirmware(),
  ]);
  if (!view.current()) return;
  buildTree();
  // the observations held on the device now (made by scripts, the API or another page), so Cancel shows where it applies
  api(base + '/observations').then((held) => {
    for (const o of held.items || []) if (!o.composite) o.paths.forEach((p) => markObserved('/' + p, true));
  }).catch(() => {});
  fill(eventList, recent.items.slice().reverse().map(eventItem));
  if (!recent.items.length) eventList.appendChild(h('li', { class: 'empty' }, 'No events yet.'));

  // ---- live ----

  let reloadTimer = null;
  // from the newest event shown, so none is missed between the list and the stream
  const shownIds = new Set(recent.items.map((e) => e.id));
  const stop = streamEvents({ endpoint: key, after: recent.next || undefined }, onEvent,
    { onState: (s) => { fill(live, s); live.className = 'pill ' + s; } });
  const tick = setInterval(() => {
    view.root.querySelectorAll('time[data-ago]').forEach((t) => { t.textContent = ago(t.dataset.ago); });
    if (queueMode) loadQueue();
  }, 10000);
  view.cleanup(() => { stop(); clearInterval(tick); clearTimeout(reloadTimer); });

  function onEvent(event) {
    if (!event.endpoint || event.endpoint.key !== key || shownIds.has(event.id)) return;
    shownIds.add(event.id);
    if (shownIds.size > 4 * EVENTS_SHOWN) shownIds.delete(shownIds.values().next().value);
    const empty = eventList.querySelector('.empty');
    if (empty) empty.remove();
    eventList.prepend(eventItem(event));
    while (eventList.children.length > EVENTS_SHOWN) eventList.lastChild.remove();
    const d = event.data || {};
    const mine = d.context && typeof d.context === 'object' ? pending.get(d.context.console) : undefined;
    if (event.type === 'lwm2m-data') {
      const changed = applyTree(d.data, event.ts, d.translateIds, d.path);
      if (d.source === 'notify' && d.path) markObserved('/' + d.path.replace(/^\//, ''), true);
      if (mine) settle(d.context.console, 'ok', mine.op + ': ' + describeCount(changed));
    } else if (event.type === 'lwm2m-result' && mine) {
      if (d.intermediate) answer(mine.path, 'held', mine.op + ' held until the device wakes');
      else if (d.success) settle(d.context.console, 'ok', mine.op + ' done' + partials(d.partialErrors));
      else settle(d.context.console, 'error', d.error || mine.op + ' failed');
      if (!d.intermediate && d.success && mine.op === 'observe') markObserved(mine.path, true);
    } else if (event.type === 'lwm2m-error' && mine) {
      settle(d.context.console, 'error', d.error || mine.op + ' failed');
    }
    if (REGISTRATION_TYPES.has(event.type)) {
      // a new registration, or none, ends the device's observations
      if (event.type === 'lwm2m-register' || event.type === 'lwm2m-deregister') observed.forEach((p) => markObserved(p, false));
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(reloadRecord, 300);
    }
    if (FIRMWARE_TYPES.has(event.type)) loadFirmware();
    if (event.type === 'lwm2m-result' && d.intermediate) loadQueue();
  }

  function settle(id, kind, text) {
    const p = pending.get(id);
    pending.delete(id);
    answer(p.path, kind, text);
    loadQueue();
  }

  async function reloadRecord() {
    try {
      record = await api(base);
    } catch (e) {
      return;
    }
    if (!view.current()) return;
    renderRecord();
    await Promise.all([restructure(), loadQueue()]);
  }

  // ---- record: title, status, registration facts, tags ----

  function renderRecord() {
    const reg = record.registration;
    fill(title, record.name || key);
    view.title(record.name || key);
    fill(statusBox,
      pill(record.status, record.status === 'connected' ? 'registered' : record.status === 'missing' ? 'missing' : ''),
      reg && reg.queueMode ? pill('queue mode', 'queued') : null,
      record.name && record.name !== key ? h('span', { class: 'muted mono' }, key) : null);
    const rows = [];
    const fact = (label, value) => { if (value !== undefined && value !== null && value !== '') rows.push(h('dt', null, label), h('dd', null, value)); };
    if (reg) {
      fact('LwM2M', reg.version);
      fact('Binding', reg.binding);
      fact('Lifetime', reg.lifetime + ' s');
      fact('Address', h('span', { class: 'mono' }, reg.remoteAddr));
      fact('Credentials', reg.credentials);
      fact('Registered', time(reg.registered));
      fact('Last update', time(reg.lastUpdate));
      fact('Registration', h('span', { class: 'mono' }, reg.id));
    } else {
      fact('Registration', h('span', { class: 'muted' }, 'not registered'));
    }
    fact('Last seen', record.lastSeen ? agoTime(record.lastSeen) : null);
    fact('Identity', record.identity);
    fact('Origin', record.origin);
    fact('Created', record.created ? time(record.created) : null);
    for (const [k, v] of Object.entries(record.statusDetails || {})) fact(k, show(v));
    fill(facts, rows);
    const tags = JSON.stringify(record.tags || {});
    if (tags !== shownTags) {
      shownTags = tags;
      renderTags();
    }
  }

  function renderTags() {
    const tags = record.tags || {};
    const name = h('input', { name: 'tag', placeholder: 'tag', required: true, size: 8, 'aria-label': 'tag name' });
    const value = h('input', { name: 'tag-value', placeholder: 'value', size: 10, 'aria-label': 'tag value' });
    const add = h('button', { type: 'submit' }, 'Add');
    const form = h('form', { class: 'row tag-form' }, name, value, add);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      saveTags(add, { ...tags, [name.value.trim()]: value.value.trim() });
    });
    fill(tagsBox,
      h('div', { class: 'tags' }, Object.keys(tags).length
        ? Object.entries(tags).map(([k, v]) => h('span', { class: 'tag', dataset: { tag: k } }, k + '=' + show(v),
          h('button', { class: 'link', title: 'remove ' + k, 'aria-label': 'remove tag ' + k, onclick: (e) => {
            const rest = { ...tags };
            delete rest[k];
            saveTags(e.currentTarget, rest);
          } }, '\u00d7')))
        : h('span', { class: 'muted' }, 'No tags.')),
      form);
  }

  function saveTags(button, tags) {
    return busy(button, async () => {
      record = await api(base, { method: 'PUT', body: { tags } });
      renderRecord();
    });
  }

  // ---- object definitions and values ----

  /** The announced objects, with their version ("1.0" when the device gives none, as LwM2M says). */
  function announced() {
    const out = new Map();
    const objects = (record.registration && record.registration.objects) || {};
    for (const [id, o] of Object.entries(objects)) {
      if (/^\d+$/.test(id)) out.set(id, { version: (o.attributes && o.attributes.ver) || '1.0', instances: Object.keys(o.children || {}) });
    }
    return out;
  }

  /** Definitions of the announced objects at their versions, and of objects only known from values. */
  async function loadDefinitions() {
    const wanted = new Map([...announced()].map(([id, o]) => [id, o.version]));
    for (const path of values.keys()) {
      const id = path.split('/')[1];
      if (!wanted.has(id)) wanted.set(id, null);
    }
    await Promise.all([...wanted].filter(([id, version]) => !defs.has(id) || (version && defs.get(id) && defs.get(id).announced !== version))
      .map(async ([id, version]) => {
        let def = null;
        try {
          def = await api('/objects/' + id + (version ? '?version=' + encodeURIComponent(version) : ''));
        } catch (e) {
          // the registry may hold other versions of it, or none
          def = version ? await api('/objects/' + id).catch(() => null) : null;
        }
        if (def) {
          def.announced = version || def.version;
          def.byName = new Map(def.resources.map((r) => [snake(r.name), String(r.id)]));
        }
        defs.set(id, def);
      }));
  }

  function foldLastKnown(known) {
    for (const [o, insts] of Object.entries(known || {})) {
      if (o.startsWith('~')) continue;
      const times = known['~' + o] || {};
      for (const [i, res] of Object.entries(insts || {})) {
        for (const [r, v] of Object.entries(res || {})) {
          values.set('/' + o + '/' + i + '/' + r, { value: v, ts: times[i] && times[i][r] });
        }
      }
    }
  }

  /** Finds an object or resource id in a key of any translateIds format. */
  function idOf(k, format, objectId) {
    if (/^\d+$/.test(k)) return k;
    if (format !== 'strings') {
      const m = /_(\d+)$/.exec(k);
      if (m) return m[1];
    }
    if (objectId === undefined) {
      for (const [id, def] of defs) if (def && snake(def.name) === k) return id;
      return null;
    }
    const def = defs.get(objectId);
    return def ? def.byName.get(k) || null : null;
  }

  /** Takes an object tree (from a read or an event) into the values and the tree; answers how many changed. */
  function applyTree(data, ts, format, eventPath) {
    let count = 0;
    let missing = false;
    const deep = eventPath && eventPath.replace(/^\//, '').split('/').length === 4;
    for (const [ok, insts] of Object.entries(data || {})) {
      const o = idOf(ok, format);
      if (o === null || !insts || typeof insts !== 'object') continue;
      for (const [i, res] of Object.entries(insts)) {
        if (!/^\d+$/.test(i) || !res || typeof res !== 'object') continue;
        for (const [rk, v] of Object.entries(res)) {
          const r = idOf(rk, format, o);
          if (r === null) continue;
          const path = '/' + o + '/' + i + '/' + r;
          const old = values.get(path);
          let entry = { value: v, ts };
          if (v && typeof v === 'object') {
            // a notification of one resource instance carries only that instance
            const merged = deep && old && old.value && typeof old.value === 'object' ? { ...old.value, ...v } : v;
            const stamps = {};
            for (const ri of Object.keys(merged)) stamps[ri] = ri in v ? ts : old && old.ts && old.ts[ri];
            entry = { value: merged, ts: stamps };
          }
          values.set(path, entry);
          count++;
          const node = nodes.get(path);
          if (node) node.render(true);
          else missing = true;
        }
      }
    }
    if (missing) restructure();
    return count;
  }

  // ---- the tree ----

  /** What the tree is built from (objects, instances, resources, definitions); rebuilt when it changes. */
  function shape() {
    const objects = new Map();
    const add = (o, i, r) => {
      if (!objects.has(o)) objects.set(o, new Map());
      if (i === undefined) return;
      if (!objects.get(o).has(i)) objects.get(o).set(i, new Set());
      if (r !== undefined) objects.get(o).get(i).add(r);
    };
    for (const [o, a] of announced()) {
      add(o);
      a.instances.forEach((i) => add(o, i));
    }
    for (const path of values.keys()) {
      const [, o, i, r] = path.split('/');
      add(o, i, r);
    }
    for (const [inst, rs] of present) {
      const [, o, i] = inst.split('/');
      add(o, i);
      rs.forEach((r) => add(o, i, r));
    }
    const tree = [...objects.keys()].sort(byNumber).map((o) => [o, [...objects.get(o)].sort((a, b) => byNumber(a[0], b[0]))
      .map(([i, rs]) => [i, [...rs].sort(byNumber)])]);
    return JSON.stringify([tree, [...present.keys()], [...defs].map(([id, d]) => [id, d && d.version])]);
  }

  function buildTree() {
    // answers and collapsed nodes survive a rebuild
    const kept = [...nodes].map(([p, n]) => [p, n.answer.childNodes.length ? n.answer : null, n.el.classList.contains('collapsed')]);
    structure = shape();
    const [objects] = JSON.parse(structure);
    nodes.clear();
    fill(tree, objects.length ? objects.map(([o, instances]) => objectNode(o, instances.map(([i]) => i)))
      : h('p', { class: 'muted empty' }, record.registration ? 'The device announced no objects.' : 'Not registered, and no values known yet.'));
    for (const [p, answerEl, collapsed] of kept) {
      const n = nodes.get(p);
      if (!n) continue;
      if (answerEl) {
        n.answer.replaceWith(answerEl);
        n.answer = answerEl;
      }
      if (collapsed) {
        n.el.classList.add('collapsed');
        n.el.querySelector('.twisty').setAttribute('aria-expanded', 'false');
      }
    }
    observed.forEach((p) => markObserved(p, true));
    applyFilter();
  }

  /** New objects or instances seen in data: their definitions first, then the tree again. */
  async function restructure() {
    await loadDefinitions();
    if (view.current() && shape() !== structure) buildTree();
  }

  function objectNode(o, instances) {
    const def = defs.get(o);
    const path = '/' + o;
    const a = announced().get(o);
    const version = a ? a.version : def ? def.version : null;
    const mismatch = def && a && def.version !== a.version;
    const node = treeNode('obj', path,
      [h('span', { class: 'name' }, def ? def.name : 'Object ' + o),
        version ? h('span', { class: 'ver' + (mismatch ? ' mismatch' : ''),
          title: mismatch ? 'the device announces ' + a.version + '; the registry has ' + def.version + ', shown here' : 'object version' }, 'v' + version) : null,
        def ? null : h('span', { class: 'muted' }, 'no definition in the registry'),
        def && def.multiInstance ? h('span', { class: 'muted small' }, 'multiple instances') : null],
      instances.length ? instances.map((i) => instanceNode(o, i)) : h('p', { class: 'muted small none' }, 'No instances.'));
    return node;
  }

  function instanceNode(o, i) {
    const def = defs.get(o);
    const path = '/' + o + '/' + i;
    const ids = new Set(def ? def.resources.map((r) => String(r.id)) : []);
    for (const p of values.keys()) if (p.startsWith(path + '/')) ids.add(p.split('/')[3]);
    for (const r of present.get(path) || []) ids.add(r);
    const resources = [...ids].sort(byNumber).map((r) =>
      resourceNode(o, i, (def && def.resources.find((x) => String(x.id) === r)) || { id: Number(r), name: null }));
    return treeNode('inst', path, [h('span', { class: 'name' }, 'Instance ' + i)],
      resources.length ? resources : h('p', { class: 'muted small none' }, 'No resources known: Discover asks the device.'));
  }

  function treeNode(kind, path, label, children) {
    const answerEl = h('div', { class: 'answer', 'aria-live': 'polite' });
    const editor = h('form', { class: 'editor hidden' });
    const toggle = h('button', { class: 'twisty', 'aria-expanded': 'true', title: 'collapse', onclick: () => {
      const collapsed = el.classList.toggle('collapsed');
      toggle.setAttribute('aria-expanded', String(!collapsed));
    } });
    const el = h('section', { class: 'node ' + kind, dataset: { path } },
      h('div', { class: 'head' }, toggle, h('span', { class: 'path mono' }, path), label, h('span', { class: 'grow' }),
        actionBar(path, null)),
      answerEl, editor,
      h('div', { class: 'children' }, children));
    nodes.set(path, { el, answer: answerEl, editor, res: null });
    return el;
  }

  function resourceNode(o, i, res) {
    const path = '/' + o + '/' + i + '/' + res.id;
    const known = res.name !== null;
    const valueEl = h('div', { class: 'value' });
    const whenEl = h('div', { class: 'when muted' });
    const answerEl = h('div', { class: 'answer', 'aria-live': 'polite' });
    const editor = h('form', { class: 'editor hidden' });
    const ops = known ? (res.allowRead ? 'R' : '') + (res.allowWrite ? 'W' : '') + (res.allowExec ? 'E' : '') : '';
    const absent = present.has('/' + o + '/' + i) && !present.get('/' + o + '/' + i).has(String(res.id));
    const el = h('div', { class: 'node res' + (absent ? ' absent' : ''), dataset: { path } },
      h('span', { class: 'rid mono', title: path }, String(res.id)),
      h('div', { class: 'rname' },
        h('span', { class: 'name' }, known ? res.name : 'Resource ' + res.id),
        h('div', { class: 'type' }, [known ? res.type : 'unknown type', res.multiInstance ? 'multiple' : '', ops, res.mandatory ? 'mandatory' : '']
          .filter(Boolean).join(' \u00b7 '))),
      h('div', { class: 'val' }, valueEl, whenEl),
      actionBar(path, res),
      answerEl, editor);
    const node = { el, answer: answerEl, editor, res, render };
    nodes.set(path, node);
    render(false);
    return el;

    function render(fresh) {
      const entry = values.get(path);
      const units = res.units ? h('span', { class: 'units' }, ' ' + res.units) : null;
      if (!entry) {
        fill(valueEl, known && !res.allowRead ? null : h('span', { class: 'muted' }, '\u2014'));
        fill(whenEl);
        return;
      }
      if (entry.value && typeof entry.value === 'object') {
        fill(valueEl, h('ul', { class: 'multi' }, Object.entries(entry.value).map(([ri, v]) =>
          h('li', { dataset: { path: path + '/' + ri } }, h('span', { class: 'ri' }, ri), h('span', { class: 'v' }, show(v)), units))));
        const stamps = Object.values(entry.ts || {}).filter(Boolean).sort();
        fill(whenEl, stamps.length ? agoTime(stamps[stamps.length - 1]) : null);
      } else {
        fill(valueEl, h('span', { class: 'v', title: show(entry.value) }, show(entry.value)), units);
        fill(whenEl, entry.ts ? agoTime(entry.ts) : null);
      }
      if (fresh) {
        el.classList.remove('fresh');
        void el.offsetWidth; // restarts the highlight
        el.classList.add('fresh');
      }
    }
  }

  function actionBar(path, res) {
    const b = (action, label, titleText) => h('button', { type: 'button', dataset: { action }, title: titleText,
      onclick: (e) => act(e.currentTarget, path, action) }, label);
    const attributes = (label) => b('attributes', label, 'Write-Attributes: pmin, pmax, gt, lt, st');
    if (!res) {
      return h('div', { class: 'actions' }, b('read', 'Read'), b('observe', 'Observe'), b('cancel', 'Cancel', 'cancel the observations of this path'),
        b('discover', 'Discover'), attributes('Attributes\u2026'));
    }
    const unknown = res.name === null;
    return h('div', { class: 'actions' },
      res.allowRead || unknown ? [b('read', 'Read'), b('observe', 'Observe'), b('cancel', 'Cancel', 'cancel the observations of this path')] : null,
      res.allowRead || unknown ? attributes('Attrs\u2026') : null,
      res.allowWrite ? b('write', 'Write\u2026') : null,
      res.allowExec ? [b('execute', 'Execute'), b('arguments', '\u2026', 'execute with arguments')] : null);
  }

  // ---- operations ----

  function act(button, path, action) {
    const node = nodes.get(path);
    if (action === 'write') return openEditor(node, path, 'write');
    if (action === 'arguments') return openEditor(node, path, 'execute');
    if (action === 'attributes') return openEditor(node, path, 'attributes');
    if (action === 'read') return run(button, path, 'read', 'read', { path, options: { translateIds: 'numbers' } });
    if (action === 'execute') return run(button, path, 'execute', 'execute', { path });
    if (action === 'observe') return run(button, path, 'observe', 'observe', { path, options: { translateIds: 'numbers' } });
    if (action === 'cancel') return run(button, path, 'observe-cancel', 'cancel', { path });
    if (action === 'discover') return run(button, path, 'discover', 'discover', { path });
    return undefined;
  }

  /** Calls the device; a sleeping queue-mode device gets the call held (asynchronous, with a context). */
  function run(button, path, op, label, body) {
    answer(path, 'pending', label + '\u2026');
    return busy(button, async () => {
      let result;
      try {
        result = await api(base + '/' + op, { method: 'POST', body });
      } catch (e) {
        if (e instanceof ApiError && SLEEPING.test(e.message)) {
          const id = 'console-' + Date.now().toString(36) + '-' + ++sequence;
          pending.set(id, { path, op: label });
          await api(base + '/' + op, { method: 'POST', body: { ...body, options: { ...body.options, async: true, context: { console: id } } } })
            .catch((again) => { pending.delete(id); throw again; });
          answer(path, 'held', label + ' held until the device wakes');
          loadQueue();
          return;
        }
        answer(path, 'error', e.message + (e.details ? partials(e.details.partialErrors, e.message) : ''));
        return;
      }
      done(path, label, body, result);
    });
  }

  function done(path, label, body, result) {
    if (label === 'read') {
      const n = applyTree(result, new Date().toISOString(), 'numbers');
      answer(path, 'ok', path.split('/').length === 4 ? 'read' : 'read: ' + describeCount(n));
    } else if (label === 'observe') {
      const tokens = Object.keys((result && result.tokens) || {});
      markObserved(path, true);
      answer(path, 'ok', 'observing' + (tokens.length > 1 ? ' (' + tokens.length + ' observations)' : ''));
    } else if (label === 'cancel') {
      const n = ((result && result.cancelled) || []).length;
      for (const p of [...observed]) if (p === path) markObserved(p, false);
      answer(path, 'ok', n ? 'cancelled ' + n + ' observation' + (n === 1 ? '' : 's') : 'no observation of this path was active');
    } else if (label === 'discover') {
      const links = (result && result.items) || [];
      if (path.split('/').length <= 3) notePresent(links);
      answer(path, 'ok', 'discover: ' + links.length + ' link' + (links.length === 1 ? '' : 's'),
        h('div', { class: 'links mono' }, links.map((l) => h('code', null, '</' + l.path + '>' +
          Object.entries(l.attributes || {}).map(([k, v]) => ';' + k + '=' + v).join('')))));
    } else if (label === 'attributes') {
      answer(path, 'ok', 'attributes written');
      // what the device holds now, as its Discover tells
      api(base + '/discover', { method: 'POST', body: { path } }).then((r) => {
        const own = ((r && r.items) || []).find((l) => '/' + String(l.path).replace(/^\//, '') === path);
        const attrs = Object.entries((own && own.attributes) || {}).map(([k, v]) => k + '=' + v).join(' ');
        answer(path, 'ok', 'attributes written' + (attrs ? ': ' + attrs : ''));
      }).catch(() => {});
    } else if (label === 'write') {
      answer(path, 'ok', 'written');
      const res = nodes.get(path) && nodes.get(path).res;
      if (res && res.allowRead) {
        api(base + '/read', { method: 'POST', body: { path, options: { translateIds: 'numbers' } } })
          .then((r) => { applyTree(r, new Date().toISOString(), 'numbers'); answer(path, 'ok', 'written, read back'); })
          .catch(() => {});
      }
    } else {
      answer(path, 'ok', label + ' done' + partials(result && result.partialErrors));
    }
  }

  /** Shows the device's answer or the error next to a node; stays until the next one. */
  function answer(path, kind, text, extra) {
    const node = nodes.get(path);
    if (!node) return;
    node.answer.className = 'answer ' + kind;
    fill(node.answer, h('span', { class: 'text' }, text), kind === 'pending' ? null
      : h('span', { class: 'at muted' }, new Date().toLocaleTimeString()), extra || null);
  }

  function markObserved(path, on) {
    if (on) observed.add(path);
    else observed.delete(path);
    const node = nodes.get(path);
    if (node) node.el.classList.toggle('observed', on);
  }

  function notePresent(links) {
    const before = shape();
    for (const l of links) {
      const parts = String(l.path).replace(/^\//, '').split('/');
      if (parts.length === 2 || parts.length === 3) {
        const inst = '/' + parts[0] + '/' + parts[1];
        if (!present.has(inst)) present.set(inst, new Set());
        if (parts.length === 3) present.get(inst).add(parts[2]);
      }
    }
    if (shape() !== before) buildTree();
  }

  // ---- write and execute forms ----

  function openEditor(node, path, mode) {
    const { editor, res } = node;
    if (!editor.classList.contains('hidden') && editor.dataset.mode === mode) {
      editor.classList.add('hidden');
      return;
    }
    editor.dataset.mode = mode;
    const entry = values.get(path);
    const current = entry ? entry.value : undefined;
    let read;
    let fields;
    if (mode === 'execute') {
      const input = h('input', { name: 'value', class: 'mono wide', placeholder: "arguments, e.g. 0='abc',1", 'aria-label': 'arguments' });
      fields = [input];
      read = () => input.value.trim() || undefined;
    } else if (mode === 'attributes') {
      // notification attributes; the value conditions only mean something for numbers
      const numeric = res && ['Integer', 'Unsigned Integer', 'Float'].includes(res.type);
      const names = numeric ? ['pmin', 'pmax', 'gt', 'lt', 'st'] : ['pmin', 'pmax'];
      fields = names.map((k) => h('input', { name: k, type: 'number', class: 'attr', min: k.startsWith('p') ? 0 : null,
        step: k.startsWith('p') ? 1 : 'any', placeholder: k + (k.startsWith('p') ? ' (s)' : ''), 'aria-label': k }));
      read = () => {
        const out = {};
        for (const input of fields) if (input.value.trim() !== '') out[input.name] = Number(input.value);
        if (!Object.keys(out).length) throw new Error('give at least one attribute');
        return out;
      };
    } else if (res.multiInstance) {
      const rows = h('div', { class: 'ri-rows' });
      const addRow = (ri, v) => rows.appendChild(h('div', { class: 'row ri-row' },
        h('input', { class: 'ri-id', type: 'number', min: 0, step: 1, value: ri, required: true, 'aria-label': 'resource instance' }),
        typedInput(res.type, v),
        h('button', { type: 'button', class: 'link', title: 'remove', onclick: (e) => e.currentTarget.parentNode.remove() }, '\u00d7')));
      const existing = current && typeof current === 'object' ? Object.entries(current) : [];
      existing.forEach(([ri, v]) => addRow(ri, v));
      if (!existing.length) addRow(0, undefined);
      const next = () => Math.max(-1, ...[...rows.querySelectorAll('.ri-id')].map((i) => Number(i.value) || 0)) + 1;
      fields = [rows, h('button', { type: 'button', class: 'link add-instance', onclick: () => addRow(next(), undefined) }, '+ instance')];
      read = () => {
        const out = {};
        for (const row of rows.children) out[row.querySelector('.ri-id').value] = parse(res.type, row.querySelector('[name=value]'));
        return out;
      };
    } else {
      const input = typedInput(res.type, current);
      fields = [input];
      read = () => parse(res.type, input);
    }
    const send = h('button', { type: 'submit', class: 'primary', dataset: { action: 'send' } }, mode === 'execute' ? 'Execute' : 'Write');
    const what = mode === 'execute' ? 'Execute ' + path : mode === 'attributes' ? 'Write-Attributes'
      : (res.type || '') + (res.units ? ' (' + res.units + ')' : '');
    fill(editor, h('span', { class: 'muted small' }, what),
      fields, send,
      h('button', { type: 'button', dataset: { action: 'close' }, onclick: () => editor.classList.add('hidden') }, 'Close'));
    editor.onsubmit = (e) => {
      e.preventDefault();
      let value;
      try {
        value = read();
      } catch (err) {
        answer(path, 'error', err.message);
        return;
      }
      const body = value === undefined ? { path } : { path, value };
      run(send, path, mode === 'attributes' ? 'write-attributes' : mode, mode, body).then(() => {
        if (nodes.get(path) && !nodes.get(path).answer.classList.contains('error')) editor.classList.add('hidden');
      });
    };
    editor.classList.remove('hidden');
    const first = editor.querySelector('input, select');
    if (first) first.focus();
  }

  // ---- queue mode ----

  async function loadQueue() {
    let queue = null;
    let problem = null;
    try {
      queue = await api(base + '/queue');
    } catch (e) {
      problem = e.message;
    }
    if (!view.current() || !record) return;
    const reg = record.registration;
    queueMode = queue ? !!queue.queueMode : !!(reg && reg.queueMode);
    const items = (queue && queue.items) || [];
    fill(queueBox,
      h('div', { class: 'row' },
        !reg ? h('span', { class: 'muted' }, 'Not registered')
          : queueMode ? pill('queue mode', 'queued') : h('span', { class: 'muted' }, 'Not in queue mode'),
        queue && queueMode ? (queue.asleep ? pill('asleep', 'sleeping') : pill('awake', 'registered')) : null),
      problem ? h('p', { class: 'error' }, problem) : null,
      items.length
        ? h('ol', { class: 'held', id: 'held-requests' }, items.map((c) => h('li', { title: 'arguments: ' + show(c.args) },
          h('span', { class: 'mono' }, c.function || '?'), ' ', h('span', { class: 'mono' }, (c.paths || []).map((p) => '/' + p.replace(/^\//, '')).join(', ')),
          h('div', { class: 'muted small' }, [c.source !== c.function ? c.source : null, c.heldAt ? 'held ' + ago(c.heldAt) : null,
            c.context && c.context.console ? 'from this page' : null].filter(Boolean).join(' \u00b7 ')))))
        : h('p', { class: 'muted', id: 'held-requests' }, 'No held requests.'));
  }

  // ---- firmware ----

  async function loadFirmware() {
    let job = null;
    try {
      const list = await api('/fota?endpoint=' + encodeURIComponent(key));
      job = (list.items || []).find((j) => j.endpoint === key) || null;
    } catch (e) {
      fill(fwBox, h('p', { class: 'error' }, e.message));
      return;
    }
    if (!view.current()) return;
    const link = h('a', { href: '#/firmware' }, 'Firmware updates \u2192');
    if (!job) {
      fill(fwBox, h('p', { class: 'muted' }, 'No firmware update for this device.'), link);
      return;
    }
    const ended = job.phase === 'complete';
    const kind = ended ? (job.success ? 'succeeded' : 'failed') : 'running';
    const step = Math.max(0, PHASES.indexOf(job.phase));
    const rows = [];
    const fact = (label, value) => { if (value !== undefined && value !== null && value !== '') rows.push(h('dt', null, label), h('dd', null, value)); };
    fact('Image', job.file || h('span', { class: 'mono' }, job.uri));
    fact('Device state', job.state ? job.state + (job.stateCode !== null ? ' (' + job.stateCode + ')' : '') : null);
    fact('Result', job.result ? job.result + (job.resultCode !== null ? ' (' + job.resultCode + ')' : '') : null);
    fact('Waiting for', job.waiting);
    fact('Started', time(job.dateStarted));
    fact('Ended', job.dateComplete ? time(job.dateComplete) : null);
    fact('Duration', job.duration !== null && job.duration !== undefined ? job.duration + ' s' : null);
    const cancel = ended ? null : h('button', { class: 'danger', onclick: (e) => busy(e.currentTarget, async () => {
      await api(base + '/firmware', { method: 'DELETE' });
      notify('Firmware update cancelled', 'ok');
      loadFirmware();
    }) }, 'Cancel update');
    fill(fwBox,
      h('div', { class: 'row' }, pill(ended ? (job.success ? 'succeeded' : 'failed') : job.phase, kind), h('span', { class: 'mono muted small' }, job.id)),
      h('div', { class: 'fw-steps', id: 'firmware-progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': PHASES.length - 1,
        'aria-valuenow': step, 'aria-valuetext': job.phase },
        PHASES.map((p, n) => h('span', { title: p, class: 'step' + (n < step || ended ? ' done' : n === step ? ' now' : '')
          + (ended && !job.success && n === PHASES.length - 1 ? ' bad' : '') }))),
      h('div', { class: 'muted small' }, ended ? 'ended ' : 'phase: ' + job.phase, ended ? agoTime(job.dateComplete) : null),
      h('dl', { class: 'facts' }, rows),
      h('div', { class: 'row' }, link, h('span', { class: 'grow' }), cancel));
  }

  // ---- events ----

  function eventItem(e) {
    const pre = h('pre', { class: 'mono' });
    const d = e.data || {};
    return h('li', { dataset: { id: e.id, type: e.type } },
      h('details', { ontoggle: () => { if (!pre.firstChild) pre.textContent = JSON.stringify(d, null, 2); } },
        h('summary', null,
          h('span', { class: 'ev-type ' + e.type.replace(/^lwm2m-/, '') }, e.type.replace(/^lwm2m-/, '')),
          h('span', { class: 'ev-text' }, summary(e.type, d)),
          h('span', { class: 'grow' }),
          agoTime(e.ts)),
        pre));
  }

  function summary(type, d) {
    const p = d.path ? ' /' + String(d.path).replace(/^\//, '') : '';
    switch (type) {
      case 'lwm2m-data': {
        const flat = [];
        walkTree(d.data, (path, v) => flat.push([path, v]), d.translateIds);
        return d.source + p + (flat.length === 1 ? ' = ' + show(flat[0][1]) : ' (' + flat.length + ' values)');
      }
      case 'lwm2m-result':
        return d.source + p + (d.intermediate ? ': held' : d.success ? ': ok' : ': ' + (d.error || 'failed'));
      case 'lwm2m-error':
        return d.source + p + ': ' + d.error;
      case 'lwm2m-register':
      case 'lwm2m-update':
        return [d.version, d.binding, d.remoteAddr].filter(Boolean).join(' \u00b7 ');
      case 'lwm2m-deregister':
        return d.reason || '';
      case 'lwm2m-missing':
        return 'silent since ' + (d.lastSeen || '?');
      case 'lwm2m-firmware-update-status':
        return (d.state || '') + (d.result ? ' \u00b7 ' + d.result : '');
      case 'lwm2m-firmware-update-complete':
        return d.result || (d.success ? 'done' : 'failed');
      default:
        return '';
    }
  }

  /** Visits each resource of an object tree without keeping it (for event summaries). */
  function walkTree(data, visit, format) {
    for (const [ok, insts] of Object.entries(data || {})) {
      const o = idOf(ok, format);
      for (const [i, res] of Object.entries(insts || {})) {
        for (const [rk, v] of Object.entries(res || {})) visit('/' + o + '/' + i + '/' + idOf(rk, format, o), v);
      }
    }
  }

  // ---- filter ----

  filter.addEventListener('input', applyFilter);

  /** Shows the nodes whose path or name holds the filter's text, with their parents; a match shows its children. */
  function applyFilter() {
    const q = filter.value.trim().toLowerCase();
    const label = (el) => (el.dataset.path + ' ' + el.querySelector('.name').textContent).toLowerCase();
    const shown = (el, on) => { el.classList.toggle('hidden', !on); return on; };
    for (const obj of tree.querySelectorAll('.node.obj')) {
      const objMatch = !q || label(obj).includes(q);
      let anyInst = false;
      for (const inst of obj.querySelectorAll('.node.inst')) {
        const instMatch = objMatch || label(inst).includes(q);
        let anyRes = false;
        for (const res of inst.querySelectorAll('.node.res')) anyRes = shown(res, instMatch || label(res).includes(q)) || anyRes;
        anyInst = shown(inst, instMatch || anyRes) || anyInst;
      }
      shown(obj, objMatch || anyInst);
    }
  }
}

// ---- helpers ----

function byNumber(a, b) {
  return Number(a) - Number(b);
}

/** The registry's name as translateIds "strings" writes it: lower case, other characters as "_". */
function snake(name) {
  return String(name).toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

function agoTime(ts) {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return h('span', { class: 'muted' }, String(ts));
  return h('time', { datetime: d.toISOString(), title: d.toLocaleString(), dataset: { ago: ts } }, ago(ts));
}

function describeCount(n) {
  return n + ' value' + (n === 1 ? '' : 's');
}

function partials(errors, already) {
  const list = Object.entries(errors || {}).filter(([, m]) => m !== already || Object.keys(errors).length > 1);
  return list.length ? ' (' + list.map(([p, m]) => p + ': ' + m).join('; ') + ')' : '';
}

/** An input for a resource type: numbers, a true/false choice, a date and time, hex, "obj:inst", text. */
function typedInput(type, current) {
  const a = { name: 'value', 'aria-label': 'value', required: true };
  switch (type) {
    case 'Integer':
      return h('input', { ...a, type: 'number', step: 1, value: numberOr(current) });
    case 'Unsigned Integer':
      return h('input', { ...a, type: 'number', step: 1, min: 0, value: numberOr(current) });
    case 'Float':
      return h('input', { ...a, type: 'number', step: 'any', value: numberOr(current) });
    case 'Boolean':
      return h('select', a, h('option', { value: 'true', selected: current === true }, 'true'),
        h('option', { value: 'false', selected: current === false }, 'false'));
    case 'Time':
      return h('input', { ...a, type: 'datetime-local', step: 1, value: localInput(current) });
    case 'Opaque':
      return h('input', { ...a, required: false, class: 'mono', pattern: '([0-9a-fA-F]{2})*', placeholder: 'hex bytes, e.g. 0a1bff',
        value: typeof current === 'string' ? current : '' });
    case 'Objlnk':
      return h('input', { ...a, class: 'mono', pattern: '\\d+:\\d+', placeholder: 'object:instance, e.g. 3:0', value: typeof current === 'string' ? current : '' });
    default:
      return h('input', { ...a, required: false, value: current === undefined || typeof current === 'object' ? '' : String(current) });
  }
}

function parse(type, input) {
  const raw = input.value;
  switch (type) {
    case 'Integer':
    case 'Unsigned Integer':
    case 'Float': {
      if (raw.trim() === '' || Number.isNaN(Number(raw))) throw new Error('give a number');
      return Number(raw);
    }
    case 'Boolean':
      return raw === 'true';
    case 'Time': {
      const d = new Date(raw);
      if (!raw || Number.isNaN(d.getTime())) throw new Error('give a date and time');
      return d.toISOString().replace(/\.000Z$/, 'Z');
    }
    case 'Opaque':
      return raw.trim().toLowerCase();
    default:
      return raw;
  }
}

function numberOr(v) {
  return typeof v === 'number' ? v : '';
}

/** An ISO time as a datetime-local input wants it: local, to the second. */
function localInput(v) {
  const d = new Date(typeof v === 'number' ? v * 1000 : v);
  if (v === undefined || v === null || Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
}
