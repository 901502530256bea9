// Objects: every object definition the server knows (GET /objects: the built-in catalog and uploads),
// searchable by id or name; uploading DDF XML pasted or picked as files (POST /objects, all or nothing),
// with the server's problems listed by line and column and, for pasted XML, marked on their lines.

import { api, upload } from '../api.js';
import { h, fill, pill, busy, notify, css } from '../dom.js';

export default async function objects(view) {
  view.title('Objects');
  css('/console/css/objects.css');

  const search = h('input', { type: 'search', id: 'objects-search', value: view.query.get('q') || '',
    placeholder: 'id or name: 3303, temperature', 'aria-label': 'search object definitions' });
  const customOnly = h('input', { type: 'checkbox', id: 'objects-custom', checked: view.query.get('custom') === '1' });
  const count = h('span', { class: 'muted', id: 'objects-count' });
  const body = h('tbody', { id: 'object-rows' });
  const uploader = uploadPanel((loaded) => reload(loaded));

  fill(view.root,
    h('h1', null, 'Objects'),
    h('div', { class: 'objects-layout' },
      h('div', { class: 'objects-list' },
        h('div', { class: 'toolbar' }, search, h('label', null, customOnly, 'custom only'), count),
        h('table', { class: 'objects' },
          h('thead', null, h('tr', null, h('th', { class: 'id' }, 'ID'), h('th', null, 'Name'), h('th', null, 'Versions'),
            h('th', null, 'Instances'), h('th', { class: 'num' }, 'Resources'), h('th', null, 'Definition'), h('th', null, ''))),
          body)),
      uploader.el));

  let all = [];
  let fresh = new Set();

  function matches(o, words) {
    if (customOnly.checked && !o.custom) return false;
    const text = (o.id + ' ' + o.name).toLowerCase();
    return words.every((w) => (/^\d+$/.test(w) ? String(o.id) === w || String(o.id).startsWith(w) || text.includes(w) : text.includes(w)));
  }

  function render() {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const shown = all.filter((o) => matches(o, words));
    fill(body, shown.length ? shown.map(row)
      : h('tr', null, h('td', { colspan: 7, class: 'empty' }, all.length ? 'No definition matches.' : 'No definitions.')));
    fill(count, shown.length === all.length ? all.length + ' objects'
      : shown.length + ' of ' + all.length + ' objects');
  }

  function row(o) {
    const href = '#/objects/' + o.id;
    const del = o.custom ? h('button', { class: 'danger', title: 'delete the uploaded definition of ' + o.id }, 'Delete') : null;
    if (del) {
      del.addEventListener('click', (e) => {
        e.stopPropagation();
        remove(o, del, () => reload());
      });
    }
    const tr = h('tr', { class: 'clickable', dataset: { objectId: o.id }, onclick: () => view.go(href) },
      h('td', { class: 'id mono' }, o.id),
      h('td', null, h('a', { href }, o.name)),
      h('td', null, (o.versions || [o.version]).join(', ')),
      h('td', null, o.multiInstance ? 'multiple' : 'single'),
      h('td', { class: 'num' }, (o.resources || []).length),
      h('td', null, o.custom ? pill('custom', 'custom') : pill('built-in', 'builtin')),
      h('td', { class: 'actions' }, del));
    if (fresh.has(o.id)) tr.classList.add('fresh');
    return tr;
  }

  async function reload(loaded) {
    fresh = new Set((loaded || []).map((l) => l.id));
    try {
      all = (await api('/objects')).items.sort((a, b) => a.id - b.id);
      render();
    } catch (e) {
      fill(body, h('tr', null, h('td', { colspan: 7, class: 'error' }, e.message)));
    }
  }

  const remember = () => {
    const q = new URLSearchParams();
    if (search.value.trim()) q.set('q', search.value.trim());
    if (customOnly.checked) q.set('custom', '1');
    history.replaceState(null, '', '#/objects' + (q.toString() ? '?' + q : ''));
  };
  search.addEventListener('input', () => { render(); remember(); });
  customOnly.addEventListener('change', () => { render(); remember(); });

  await reload();
}

/** Deletes an uploaded definition after asking; a built-in one of the same id comes back. */
export function remove(o, button, done) {
  if (!confirm('Delete the uploaded definition of object ' + o.id + ' (' + o.name + ')?'
    + ' If the server has a built-in definition of this id, it is used again.')) return;
  busy(button, async () => {
    await api('/objects/' + o.id, { method: 'DELETE' });
    notify('Deleted the uploaded definition of object ' + o.id, 'ok');
    done();
  });
}

// ------------------------------------------------------------------------------------------------ upload

const LINE_PX = 18;
const PAD_PX = 6;

function uploadPanel(loaded) {
  const xml = h('textarea', { id: 'object-xml', rows: 14, spellcheck: 'false', wrap: 'off', autocomplete: 'off',
    placeholder: '<LWM2M>\n  <Object ObjectType="MODefinition">\n    <Name>\u2026</Name>\n    <ObjectID>32769</ObjectID>\n    \u2026\n  </Object>\n</LWM2M>',
    'aria-label': 'DDF XML' });
  const gutter = h('div', { class: 'gutter', 'aria-hidden': 'true' });
  const marks = h('div', { class: 'marks' });
  const backdrop = h('div', { class: 'backdrop', 'aria-hidden': 'true' }, marks);
  const editor = h('div', { class: 'xml-editor' }, gutter, h('div', { class: 'xml-area' }, backdrop, xml));
  const send = h('button', { class: 'primary', id: 'object-upload' }, 'Upload XML');
  const files = h('input', { type: 'file', id: 'object-files', multiple: true, accept: '.xml,application/xml,text/xml',
    'aria-label': 'DDF files' });
  const sendFiles = h('button', { id: 'object-upload-files' }, 'Upload files');
  const problems = h('ul', { id: 'object-problems', class: 'problems hidden', 'aria-live': 'polite' });
  const status = h('div', { id: 'object-upload-status', 'aria-live': 'polite' });
  let problemLines = new Map(); // line -> messages, for the pasted text

  function numberLines() {
    const n = xml.value.split('\n').length;
    const numbers = [];
    for (let i = 1; i <= n; i++) {
      numbers.push(h('div', { class: problemLines.has(i) ? 'bad' : null, title: problemLines.has(i) ? problemLines.get(i).join('\n') : null }, i));
    }
    fill(gutter, numbers);
    fill(marks, [...problemLines.keys()].map((line) =>
      h('div', { class: 'mark', style: 'top:' + (PAD_PX + (line - 1) * LINE_PX) + 'px' })));
    sync();
  }
  function sync() {
    gutter.scrollTop = xml.scrollTop;
    marks.style.transform = 'translateY(' + -xml.scrollTop + 'px)';
  }
  xml.addEventListener('scroll', sync);
  xml.addEventListener('input', () => {
    // the marks belong to the text the server saw; once it changes they would point at the wrong lines
    if (problemLines.size) {
      problemLines = new Map();
      problems.classList.add('stale');
    }
    numberLines();
  });
  numberLines();

  function goTo(line, column) {
    const lines = xml.value.split('\n');
    if (line < 1 || line > lines.length) return;
    let start = 0;
    for (let i = 0; i < line - 1; i++) start += lines[i].length + 1;
    xml.focus();
    xml.setSelectionRange(start + Math.max(0, Math.min((column || 1) - 1, lines[line - 1].length)), start + lines[line - 1].length);
    xml.scrollTop = Math.max(0, (line - 4) * LINE_PX);
    sync();
  }

  function showProblems(error, pasted) {
    const list = (error.details && error.details.problems) || [];
    problemLines = new Map();
    if (pasted) {
      for (const p of list) {
        if (p.line) problemLines.set(p.line, [...(problemLines.get(p.line) || []), p.message]);
      }
    }
    numberLines();
    problems.classList.remove('hidden', 'stale');
    fill(problems,
      list.length ? list.map((p) => {
        const where = [p.file, p.line ? 'line ' + p.line : null, p.column ? 'column ' + p.column : null].filter(Boolean).join(', ');
        const item = h('li', { dataset: { line: p.line || '', column: p.column || '' } },
          where ? h('span', { class: 'where' }, where) : null, h('span', { class: 'message' }, p.message));
        if (pasted && p.line) {
          item.classList.add('clickable');
          item.title = 'show this line';
          item.addEventListener('click', () => goTo(p.line, p.column));
        }
        return item;
      }) : h('li', null, h('span', { class: 'message' }, error.message)));
    fill(status, h('p', { class: 'error' }, list.length
      ? 'Nothing was loaded: ' + list.length + ' problem' + (list.length === 1 ? '' : 's') + '.'
      : 'Nothing was loaded.'));
    if (pasted && list.length && list[0].line) {
      xml.scrollTop = Math.max(0, (list[0].line - 4) * LINE_PX);
      sync();
    }
  }

  function succeeded(answer) {
    problemLines = new Map();
    numberLines();
    problems.classList.add('hidden');
    fill(problems);
    const items = answer.items || [];
    fill(status, h('p', { class: 'ok' }, 'Loaded ',
      items.map((o, i) => [i ? ', ' : '', h('a', { href: '#/objects/' + o.id + '?version=' + encodeURIComponent(o.version) },
        o.id + ' ' + o.name + ' ' + o.version), o.replaced ? ' (replaced the one before)' : '']), '.'));
    notify('Loaded ' + items.length + ' definition' + (items.length === 1 ? '' : 's'), 'ok');
    loaded(items);
  }

  send.addEventListener('click', () => busy(send, async () => {
    if (!xml.value.trim()) {
      fill(status, h('p', { class: 'error' }, 'Paste a DDF document first.'));
      return;
    }
    fill(status, h('p', { class: 'muted' }, 'uploading\u2026'));
    try {
      succeeded(await api('/objects', { method: 'POST', body: xml.value, contentType: 'application/xml' }));
    } catch (e) {
      if (e.status === 401) throw e;
      showProblems(e, true);
    }
  }));

  sendFiles.addEventListener('click', () => busy(sendFiles, async () => {
    if (!files.files.length) {
      fill(status, h('p', { class: 'error' }, 'Choose one or more DDF files first.'));
      return;
    }
    const form = new FormData();
    for (const f of files.files) form.append('file', f, f.name);
    fill(status, h('p', { class: 'muted' }, 'uploading ' + files.files.length + ' file' + (files.files.length === 1 ? '' : 's') + '\u2026'));
    try {
      succeeded(await upload('/objects', form));
      files.value = '';
    } catch (e) {
      if (e.status === 401) throw e;
      showProblems(e, false);
    }
  }));

  const el = h('aside', { class: 'panel', id: 'object-upload-panel' },
    h('h2', null, 'Upload definitions'),
    h('p', { class: 'muted' }, 'DDF XML: one ', h('code', null, '<Object>'), ' or several under ', h('code', null, '<LWM2M>'),
      '. All or nothing: one problem and nothing is loaded. A definition with the id and version of one the server has replaces it for every device; deleting it brings the built-in one back.'),
    h('div', { class: 'row' }, files, sendFiles),
    h('p', { class: 'muted or' }, 'or paste it:'),
    editor,
    h('div', { class: 'row' }, send, h('button', { onclick: () => { xml.value = ''; xml.dispatchEvent(new Event('input')); } }, 'Clear')),
    status,
    problems);
  return { el };
}
