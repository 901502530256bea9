// Firmware: the inventory (GET/POST/DELETE /inventory), starting updates for one device or for every
// device a query finds (POST /endpoints/{key}/firmware), and the jobs (GET /fota), kept live from the
// lwm2m-firmware-update-status and -complete events, with a poll for the bytes a download has reached.

import { api, upload, query, streamEvents, token, ApiError } from '../api.js';
import { h, fill, time, bytes, pill, busy, notify, css } from '../dom.js';

const PHASES = ['queued', 'starting', 'downloading', 'downloaded', 'updating', 'complete'];
// events say when a phase changes but not how many bytes a download has reached, so the jobs are polled:
// slowly, and every 2 s while a device is fetching a file from this server
const POLL_MS = 15000;
const POLL_DOWNLOADING_MS = 2000;

export default async function firmware(view) {
  view.title('Firmware');
  css('/console/css/firmware.css');

  const live = h('span', { class: 'pill', id: 'fota-live' }, 'connecting');
  const inventory = inventoryPanel(() => refreshInventory());
  const starter = updatePanel(view, () => refreshJobs());
  const jobs = jobsPanel(view, () => refreshJobs());

  fill(view.root,
    h('h1', null, 'Firmware', h('span', { class: 'grow' }), live),
    inventory.el,
    starter.el,
    jobs.el);

  let files = [];
  async function refreshInventory() {
    try {
      files = (await api('/inventory')).items;
      inventory.show(files);
      starter.files(files);
      jobs.sizes(files);
    } catch (e) {
      inventory.failed(e);
    }
  }
  let poll = null;
  async function refreshJobs() {
    clearTimeout(poll);
    let downloading = false;
    try {
      const items = (await api('/fota' + query(jobs.filter()))).items;
      jobs.show(items);
      downloading = items.some((j) => j.phase === 'starting' || j.phase === 'downloading');
    } catch (e) {
      jobs.failed(e);
    }
    if (view.current()) poll = setTimeout(refreshJobs, downloading ? POLL_DOWNLOADING_MS : POLL_MS);
  }
  inventory.onUse((name) => starter.choose(name));

  // a status event patches its row at once; a burst of them ends in one reload for the dates and phase
  let pending = null;
  const soon = () => {
    if (!pending) pending = setTimeout(() => { pending = null; refreshJobs(); }, 600);
  };
  const onEvent = (event) => {
    jobs.patch(event);
    soon();
    if (event.type === 'lwm2m-firmware-update-complete') setTimeout(refreshInventory, 300);
  };
  const setLive = (s) => { fill(live, s); live.className = 'pill ' + s; };
  const stops = [
    streamEvents({ type: 'lwm2m-firmware-update-status' }, onEvent, { onState: setLive }),
    streamEvents({ type: 'lwm2m-firmware-update-complete' }, onEvent),
  ];
  view.cleanup(() => {
    stops.forEach((stop) => stop());
    clearTimeout(poll);
    clearTimeout(pending);
  });

  await refreshInventory();
  await refreshJobs();
}

// ---------------------------------------------------------------------------------------------- inventory

function inventoryPanel(changed) {
  const file = h('input', { type: 'file', id: 'fw-file', 'aria-label': 'firmware file' });
  const name = h('input', { id: 'fw-name', placeholder: 'name (default: the file\u2019s)', 'aria-label': 'name',
    maxlength: 200 });
  const version = h('input', { id: 'fw-version', placeholder: 'version', 'aria-label': 'version', size: 10 });
  const description = h('input', { id: 'fw-description', placeholder: 'description', 'aria-label': 'description' });
  const send = h('button', { type: 'submit', class: 'primary', id: 'fw-upload' }, 'Upload');
  const progress = h('progress', { id: 'fw-progress', value: 0, max: 1 });
  const status = h('span', { id: 'fw-upload-status', class: 'muted', 'aria-live': 'polite' });
  const body = h('tbody', { id: 'fw-rows' });
  let onUse = () => {};

  file.addEventListener('change', () => {
    const f = file.files[0];
    // the name follows the chosen file until the user types one of their own
    if (f && (!name.value || name.dataset.auto === '1')) {
      name.value = f.name;
      name.dataset.auto = '1';
    }
    progress.value = 0;
    fill(status, f ? bytes(f.size) : '');
  });
  name.addEventListener('input', () => delete name.dataset.auto);

  const form = h('form', { class: 'fw-upload', id: 'fw-upload-form' },
    h('div', { class: 'row' }, file, name, version, description, send),
    h('div', { class: 'row' }, progress, status));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = file.files[0];
    if (!f) {
      fill(status, h('span', { class: 'error' }, 'Choose a file first.'));
      return;
    }
    busy(send, async () => {
      const data = new FormData();
      // the fields go before the file, so the server has them when the bytes start
      data.append('name', name.value.trim() || f.name);
      if (version.value.trim()) data.append('version', version.value.trim());
      if (description.value.trim()) data.append('description', description.value.trim());
      data.append('file', f, f.name);
      progress.max = f.size || 1;
      progress.value = 0;
      fill(status, 'uploading\u2026');
      try {
        const saved = await upload('/inventory', data, {
          onProgress: (sent, total) => {
            if (total) progress.max = total;
            progress.value = sent;
            fill(status, 'uploading\u2026 ' + bytes(sent) + (total ? ' of ' + bytes(total) : ''));
          },
        });
        progress.value = progress.max;
        fill(status, h('span', { class: 'ok' }, 'Stored ', h('b', null, saved.name), ' (' + bytes(saved.size) + '), sha256 '),
          h('code', { class: 'sha256', id: 'fw-uploaded-sha256' }, saved.sha256));
        notify('Uploaded ' + saved.name, 'ok');
        form.reset();
        delete name.dataset.auto;
        changed();
      } catch (err) {
        progress.value = 0;
        fill(status, h('span', { class: 'error' }, 'Upload failed: ' + err.message));
        throw err;
      }
    });
  });

  function row(f) {
    const del = h('button', { class: 'danger', title: 'delete ' + f.name }, 'Delete');
    del.addEventListener('click', () => {
      if (!confirm('Delete ' + f.name + ' from the inventory?')) return;
      busy(del, async () => {
        await api('/inventory/' + encodeURIComponent(f.name), { method: 'DELETE' });
        notify('Deleted ' + f.name, 'ok');
        changed();
      });
    });
    const get = h('button', { title: 'download ' + f.name }, 'Download');
    get.addEventListener('click', () => busy(get, () => download(f.name)));
    return h('tr', { dataset: { file: f.name } },
      h('td', null, h('b', null, f.name), f.description ? h('div', { class: 'muted' }, f.description) : null),
      h('td', null, f.version || h('span', { class: 'muted' }, '—')),
      h('td', { class: 'num' }, bytes(f.size)),
      h('td', null, h('code', { class: 'sha256', title: 'SHA-256' }, f.sha256)),
      h('td', null, time(f.created), f.updated && f.updated !== f.created
        ? h('div', { class: 'muted' }, 'replaced ', time(f.updated)) : null),
      h('td', { class: 'actions' },
        h('button', { onclick: () => onUse(f.name), title: 'start an update with this file' }, 'Update\u2026'),
        get, del));
  }

  const el = h('section', { class: 'panel', id: 'fw-inventory' },
    h('h2', null, 'Inventory'),
    h('p', { class: 'muted' }, 'Files devices download (at most 16 MiB each). Uploading a name that exists replaces it, unless an update uses it.'),
    form,
    h('table', { class: 'fw-files' },
      h('thead', null, h('tr', null, h('th', null, 'Name'), h('th', null, 'Version'), h('th', null, 'Size'),
        h('th', null, 'SHA-256'), h('th', null, 'Uploaded'), h('th', null, ''))),
      body));

  return {
    el,
    onUse: (fn) => (onUse = fn),
    show: (items) => fill(body, items.length ? items.map(row)
      : h('tr', null, h('td', { colspan: 6, class: 'empty' }, 'No firmware files yet: upload one above.'))),
    failed: (e) => fill(body, h('tr', null, h('td', { colspan: 6, class: 'error' }, e.message))),
  };
}

/** Fetches the file with the token (a plain link could not send it) and hands it to the browser as a download. */
async function download(name) {
  const response = await fetch('/api/v1/inventory/' + encodeURIComponent(name) + '/content', {
    headers: { Authorization: 'Bearer ' + token.get() },
  });
  if (!response.ok) throw new ApiError(response.status, 'download failed: ' + response.status + ' ' + response.statusText);
  const url = URL.createObjectURL(await response.blob());
  const a = h('a', { href: url, download: name, class: 'hidden' });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ------------------------------------------------------------------------------------- starting updates

const PROTOCOLS = [
  ['http', 'http'], ['https', 'https'], ['coap', 'coap'], ['coaps', 'coaps'], ['push', 'push (write 5/x/0)'],
];
const ENCODINGS = ['text', 'tlv', 'opaque', 'json', 'senml_json', 'senml_cbor', 'cbor'];
const URI_CHOICE = '\u0000uri';

function updatePanel(view, started) {
  const target = h('input', { id: 'fota-target', value: view.query.get('endpoint') || '', autocomplete: 'off',
    placeholder: 'endpoint key, or a query: tags.site:berlin AND status:connected', 'aria-label': 'devices to update' });
  const find = h('button', { type: 'button', id: 'fota-find' }, 'Find devices');
  const matches = h('div', { id: 'fota-matches', class: 'fota-matches hidden' });
  const file = h('select', { id: 'fota-file', 'aria-label': 'firmware file' });
  const uri = h('input', { id: 'fota-uri', class: 'hidden', placeholder: 'https://host/path/image.bin', size: 40,
    'aria-label': 'firmware URI' });
  const protocol = h('select', { id: 'fota-protocol', 'aria-label': 'protocol' },
    PROTOCOLS.map(([v, label]) => h('option', { value: v }, label)));
  const instance = h('input', { id: 'fota-instance', type: 'number', min: 0, max: 65534, value: 0, class: 'narrow',
    'aria-label': 'Firmware Update instance' });
  const resetUri = h('input', { id: 'fota-reset-uri', type: 'checkbox' });
  const noEpid = h('input', { id: 'fota-no-epid', type: 'checkbox' });
  const encoding = h('select', { id: 'fota-encoding', 'aria-label': 'encoding of the reset write' },
    ENCODINGS.map((v) => h('option', { value: v }, v)));
  const context = h('textarea', { id: 'fota-context', rows: 2, placeholder: '{"campaign": 7}',
    'aria-label': 'context (JSON)' });
  const start = h('button', { type: 'submit', class: 'primary', id: 'fota-start' }, 'Start update');
  const results = h('ul', { id: 'fota-results', class: 'fota-results' });

  file.addEventListener('change', () => uri.classList.toggle('hidden', file.value !== URI_CHOICE));

  let resolved = null; // {target, items}: the devices the last look-up found
  target.addEventListener('input', () => {
    if (resolved && resolved.target !== target.value.trim()) {
      resolved = null;
      matches.classList.add('hidden');
      fill(start, 'Start update');
    }
  });

  async function lookUp() {
    const t = target.value.trim();
    if (!t) throw new Error('Name a device (its endpoint key) or a query first.');
    const items = await devicesFor(t);
    resolved = { target: t, items };
    showMatches(items);
    return resolved;
  }

  function showMatches(items) {
    matches.classList.remove('hidden');
    if (!items.length) {
      fill(matches, h('p', { class: 'muted' }, 'No device matches.'));
      fill(start, 'Start update');
      return;
    }
    const boxes = items.map((r) => h('label', { class: 'match', dataset: { endpoint: r.key } },
      h('input', { type: 'checkbox', checked: true, value: r.key, onchange: count }),
      h('span', null, r.key),
      pill(r.status, r.status === 'connected' ? 'registered' : r.status === 'missing' ? 'missing' : ''),
      Object.entries(r.tags || {}).map(([k, v]) => h('span', { class: 'tag' }, k + '=' + v))));
    fill(matches,
      h('div', { class: 'row' }, h('b', null, items.length + ' device' + (items.length === 1 ? '' : 's')),
        h('button', { type: 'button', class: 'link', onclick: () => toggleAll(true) }, 'all'),
        h('button', { type: 'button', class: 'link', onclick: () => toggleAll(false) }, 'none')),
      h('div', { class: 'match-list' }, boxes));
    count();
  }
  function chosen() {
    return [...matches.querySelectorAll('input[type=checkbox]:checked')].map((b) => b.value);
  }
  function toggleAll(on) {
    matches.querySelectorAll('input[type=checkbox]').forEach((b) => (b.checked = on));
    count();
  }
  function count() {
    const n = chosen().length;
    fill(start, n > 1 ? 'Start update on ' + n + ' devices' : 'Start update');
    start.disabled = n === 0;
  }

  find.addEventListener('click', () => busy(find, lookUp));

  function request() {
    const options = {};
    if (protocol.value === 'push') options.delivery = 'push';
    else options.protocol = protocol.value;
    if (Number(instance.value)) options.instance = Number(instance.value);
    if (resetUri.checked) {
      options.resetUri = true;
      if (encoding.value !== 'text') options.encoding = encoding.value;
    }
    if (noEpid.checked) options.noEpid = true;
    if (context.value.trim()) {
      try {
        options.context = JSON.parse(context.value);
      } catch (e) {
        throw new Error('The context is not JSON: ' + e.message);
      }
    }
    if (file.value === URI_CHOICE) {
      if (!uri.value.trim()) throw new Error('Give the firmware URI.');
      if (options.protocol) delete options.protocol; // a full URI names its own protocol
      return { uri: uri.value.trim(), options };
    }
    if (!file.value) throw new Error('Upload a firmware file first, or choose \u201canother URI\u201d.');
    return { file: file.value, options };
  }

  const form = h('form', { id: 'fota-form' },
    h('div', { class: 'row' }, target, find),
    matches,
    h('div', { class: 'row' },
      h('label', null, 'File', file), uri,
      h('label', null, 'Protocol', protocol),
      start),
    h('details', { class: 'fota-more' }, h('summary', null, 'More options'),
      h('div', { class: 'row' },
        h('label', null, 'Instance of /5', instance),
        h('label', { title: 'write an empty Package URI first, to bring the device back to Idle' }, resetUri, 'reset the URI first'),
        h('label', null, 'reset write encoding', encoding),
        h('label', { title: 'leave epid=<endpoint> out of the download URI' }, noEpid, 'no epid')),
      h('label', { class: 'block' }, 'Context (JSON, echoed in every event of the update)', context)),
    results);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(start, async () => {
      const body = request();
      const t = target.value.trim();
      // a look-up that finds more than one device is shown first: the second click starts them
      if (!resolved || resolved.target !== t) {
        const r = await lookUp();
        if (r.items.length !== 1) return;
      }
      const keys = chosen();
      if (!keys.length) throw new Error('No device is chosen.');
      fill(results);
      const outcome = await runAll(keys, body, results);
      notify(outcome.started + ' update' + (outcome.started === 1 ? '' : 's') + ' started'
        + (outcome.refused ? ', ' + outcome.refused + ' refused' : ''), outcome.refused ? 'error' : 'ok');
      started();
    });
  });

  const el = h('section', { class: 'panel', id: 'fota-start-panel' },
    h('h2', null, 'Start an update'),
    h('p', { class: 'muted' }, 'One device by its endpoint key, or every device a query finds (',
      h('code', null, 'tags.site:berlin AND status:connected'), ', ', h('code', null, 'name:meter-*'),
      '). The server checks what each device supports and refuses what it cannot do.'),
    form);

  return {
    el,
    files(items) {
      const before = file.value;
      fill(file, items.map((f) => h('option', { value: f.name }, f.name + (f.version ? ' (' + f.version + ')' : ''))),
        h('option', { value: URI_CHOICE }, 'another URI\u2026'));
      if ([...file.options].some((o) => o.value === before)) file.value = before;
      uri.classList.toggle('hidden', file.value !== URI_CHOICE);
    },
    choose(name) {
      file.value = name;
      uri.classList.add('hidden');
      el.scrollIntoView({ behavior: 'smooth', block: 'start' });
      target.focus();
    },
  };
}

/**
 * The devices a target names: the endpoint with that key, else the ones the target finds as a query.
 * The key is looked up as a query too (key:"…"), so a target that is a query costs no 404.
 */
async function devicesFor(t) {
  const byKey = await api('/endpoints' + query({ q: 'key:"' + t.replace(/["\\]/g, '\\$&') + '"' }));
  const exact = byKey.items.filter((r) => r.key === t);
  if (exact.length) return exact;
  const items = [];
  let after;
  try {
    do {
      const page = await api('/endpoints' + query({ q: t, after, limit: 500 }));
      items.push(...page.items);
      after = page.next;
    } while (after && items.length < 10000);
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) {
      throw new ApiError(400, 'No endpoint is called \u201c' + t + '\u201d, and as a query: ' + e.message, e.details);
    }
    throw e;
  }
  return items;
}

/** Starts the update on each device, four at a time, listing each answer as it comes. */
async function runAll(keys, body, list) {
  const outcome = { started: 0, refused: 0 };
  const queue = [...keys];
  async function worker() {
    while (queue.length) {
      const key = queue.shift();
      const item = h('li', { dataset: { endpoint: key }, class: 'pending' }, h('b', null, key), ' starting\u2026');
      list.appendChild(item);
      try {
        const job = await api('/endpoints/' + encodeURIComponent(key) + '/firmware', { method: 'POST', body });
        outcome.started++;
        item.className = 'ok';
        fill(item, h('b', null, key), ' started (job ' + job.id + ')');
      } catch (e) {
        outcome.refused++;
        item.className = 'error';
        fill(item, h('b', null, key), ' refused' + (e.status ? ' (' + e.status + ')' : '') + ': ' + e.message);
      }
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()]);
  return outcome;
}

// ------------------------------------------------------------------------------------------------ jobs

const MAX_ROWS = 300;

function jobsPanel(view, changed) {
  const endpoint = h('input', { type: 'search', id: 'fota-filter', placeholder: 'endpoint', 'aria-label': 'jobs of endpoint' });
  const active = h('input', { type: 'checkbox', id: 'fota-active' });
  const count = h('span', { class: 'muted', id: 'fota-count' });
  const body = h('tbody', { id: 'fota-rows' });
  const jobs = new Map(); // id -> job, as last shown
  let sizes = new Map();

  const toolbar = h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); changed(); } },
    endpoint, h('label', null, active, 'in progress only'), h('button', { type: 'submit' }, 'Refresh'), count);
  active.addEventListener('change', changed);

  function row(job) {
    const tr = h('tr', { dataset: { jobEndpoint: job.endpoint, jobId: job.id, phase: job.phase || '' } },
      h('td', null, h('a', { href: '#/devices/' + encodeURIComponent(job.endpoint) }, job.endpoint),
        h('div', { class: 'muted mono', title: 'job id' }, job.id)),
      h('td', { class: 'fw-target' }, job.file ? h('b', null, job.file) : h('span', { class: 'mono', title: job.uri }, job.uri),
        h('div', { class: 'muted' }, [job.delivery === 'push' ? 'push' : job.protocol, job.instance && job.instance !== '0'
          ? '/5/' + job.instance : null].filter(Boolean).join(' · '))),
      h('td', { class: 'state' }, stateOf(job)),
      h('td', { class: 'progress' }, progressOf(job, sizes.get(job.file))),
      h('td', { class: 'result' }, resultOf(job)),
      h('td', { class: 'dates' }, datesOf(job)),
      h('td', { class: 'actions' }, job.phase !== 'complete' ? cancelButton(job) : null));
    return tr;
  }

  function cancelButton(job) {
    const b = h('button', { class: 'danger', title: 'cancel the update of ' + job.endpoint }, 'Cancel');
    b.addEventListener('click', () => {
      if (!confirm('Cancel the firmware update of ' + job.endpoint + '?')) return;
      busy(b, async () => {
        await api('/endpoints/' + encodeURIComponent(job.endpoint) + '/firmware', { method: 'DELETE' });
        notify('Cancelled the update of ' + job.endpoint, 'ok');
        changed();
      });
    });
    return b;
  }

  function render(items) {
    const shown = items.slice(0, MAX_ROWS);
    fill(body, shown.length ? shown.map(row)
      : h('tr', null, h('td', { colspan: 7, class: 'empty' }, active.checked || endpoint.value.trim()
        ? 'No job matches.' : 'No firmware updates yet.')));
    const running = items.filter((j) => j.phase !== 'complete').length;
    fill(count, items.length + ' job' + (items.length === 1 ? '' : 's') + (running ? ', ' + running + ' in progress' : '')
      + (items.length > MAX_ROWS ? ' (the first ' + MAX_ROWS + ' shown)' : ''));
  }

  const el = h('section', { class: 'panel', id: 'fota-jobs' },
    h('h2', null, 'Jobs'),
    toolbar,
    h('table', { class: 'fota-jobs' },
      h('thead', null, h('tr', null, h('th', null, 'Endpoint'), h('th', null, 'Firmware'), h('th', null, 'State'),
        h('th', null, 'Progress'), h('th', null, 'Result'), h('th', null, 'Dates'), h('th', null, ''))),
      body));

  return {
    el,
    filter: () => ({ endpoint: endpoint.value.trim(), active: active.checked ? 'true' : '' }),
    sizes: (files) => (sizes = new Map(files.map((f) => [f.name, f.size]))),
    show(items) {
      const before = new Map(jobs);
      jobs.clear();
      items.forEach((j) => jobs.set(j.id, j));
      render(items);
      body.querySelectorAll('tr[data-job-id]').forEach((tr) => {
        const old = before.get(tr.dataset.jobId);
        const now = jobs.get(tr.dataset.jobId);
        if (before.size && (!old || JSON.stringify(old) !== JSON.stringify(now))) tr.classList.add('fresh');
      });
    },
    /** Applies an event to its job's row at once; the reload that follows brings the server's view. */
    patch(event) {
      const d = event.data || {};
      const job = jobs.get(d.jobId);
      if (!job) return;
      if (event.type === 'lwm2m-firmware-update-complete') {
        Object.assign(job, { phase: 'complete', success: d.success, result: d.result, resultCode: d.resultCode,
          dateDownloading: d.dateDownloading, dateDownloaded: d.dateDownloaded, dateUpdating: d.dateUpdating,
          dateComplete: d.dateComplete, duration: d.duration });
      } else {
        Object.assign(job, { state: d.state, stateCode: d.stateCode, result: d.result, resultCode: d.resultCode });
        if (job.phase !== 'complete' && PHASES.indexOf(d.state) > PHASES.indexOf(job.phase)) job.phase = d.state;
      }
      const tr = body.querySelector('tr[data-job-id="' + CSS.escape(job.id) + '"]');
      if (tr) {
        const fresh = row(job);
        fresh.classList.add('fresh');
        tr.replaceWith(fresh);
      }
    },
    failed: (e) => fill(body, h('tr', null, h('td', { colspan: 7, class: 'error' }, e.message))),
  };
}

function stateOf(job) {
  const phase = job.phase || 'starting';
  let kind = 'running';
  let text = phase;
  if (phase === 'complete') {
    // Update Result 10 is a cancel (DELETE /endpoints/{key}/firmware or lwm2m.firmwareCancel)
    text = job.success ? 'succeeded' : job.resultCode === 10 ? 'cancelled' : 'failed';
    kind = job.success ? 'succeeded' : 'failed';
  } else if (phase === 'queued') {
    kind = 'queued';
  }
  return [pill(text, kind),
    job.state && job.state !== phase && phase !== 'complete' ? h('div', { class: 'muted' }, 'device: ' + job.state) : null,
    job.waiting ? h('div', { class: 'muted' }, 'waiting: ' + job.waiting) : null];
}

// starting 1 … complete 5; a failed job shows how far it got
function stepOf(job) {
  if (job.phase === 'complete') {
    if (job.success) return 5;
    if (job.dateUpdating) return 4;
    if (job.dateDownloaded) return 3;
    if (job.dateDownloading) return 2;
    return 1;
  }
  return Math.max(0, PHASES.indexOf(job.phase || 'starting'));
}

/**
 * The steps a job went through (starting 1 … complete 5) as a bar; while the device downloads a file
 * from this server, the bar is the bytes it fetched so far (downloadedBytes of sizeBytes).
 */
function progressOf(job, inventorySize) {
  const step = stepOf(job);
  const ended = job.phase === 'complete';
  const size = job.sizeBytes ?? inventorySize;
  const fetched = job.downloadedBytes;
  const counting = job.phase === 'downloading' || job.phase === 'starting';
  let bar;
  if (counting && fetched != null && job.sizeBytes) {
    bar = h('progress', { max: job.sizeBytes, value: fetched, class: 'bytes', title: 'bytes the device fetched' });
  } else {
    bar = h('progress', { max: 5, value: step, class: ended && !job.success ? 'failed' : '', title: 'steps' });
  }
  let detail;
  if (ended && !job.success) {
    detail = 'ended ' + (step >= 4 ? 'while updating' : step === 3 ? 'once downloaded' : step === 2 ? 'while downloading' : 'before the download');
    if (fetched != null && size) detail += ' (' + bytes(fetched) + ' of ' + bytes(size) + ' fetched)';
  } else if (fetched != null && size && !job.dateDownloaded && !ended) {
    detail = bytes(fetched) + ' of ' + bytes(size) + ' (' + Math.floor((100 * fetched) / size) + ' %)';
  } else if (size != null && (job.dateDownloaded || (ended && job.success))) {
    detail = bytes(size) + ' of ' + bytes(size);
  } else if (size != null) {
    detail = bytes(size);
  }
  return [bar, h('div', { class: 'muted' }, step + '/5' + (detail ? ' · ' + detail : ''))];
}

function resultOf(job) {
  if (job.phase === 'complete') {
    return h('span', { class: job.success ? 'ok' : 'error' }, job.result || (job.success ? 'success' : 'failed'),
      job.resultCode !== null && job.resultCode !== undefined ? h('span', { class: 'muted' }, ' (' + job.resultCode + ')') : null);
  }
  // Update Result 0 ("Initial value") says nothing while a job runs
  return job.result && job.resultCode ? h('span', { class: 'muted' }, job.result) : h('span', { class: 'muted' }, '—');
}

function datesOf(job) {
  const start = Date.parse(job.dateStarted);
  const offset = (d) => (d ? '+' + ((Date.parse(d) - start) / 1000).toFixed(1) + ' s' : null);
  const steps = [['downloading', job.dateDownloading], ['downloaded', job.dateDownloaded], ['updating', job.dateUpdating],
    ['ended', job.dateComplete]].filter(([, d]) => d);
  return [h('div', null, time(job.dateStarted)),
    steps.length ? h('div', { class: 'muted steps' }, steps.map(([k, d]) => h('span', { title: d }, k + ' ' + offset(d)))) : null,
    job.phase !== 'complete' && job.deadline ? h('div', { class: 'muted', title: job.deadline }, 'deadline ', time(job.deadline)) : null];
}
