// One object definition: its resources (GET /objects/{id}?version=, as lwm2m.getObjectDef answers it),
// its DDF XML (?format=xml), and deleting an uploaded definition.

import { api } from '../api.js';
import { h, fill, pill, busy, css } from '../dom.js';
import { remove } from './objects.js';

export default async function object(view) {
  const id = view.params.id;
  view.title('Object ' + id);
  css('/console/css/objects.css');
  const version = view.query.get('version') || '';

  const [def, listed] = await Promise.all([
    api('/objects/' + encodeURIComponent(id) + (version ? '?version=' + encodeURIComponent(version) : '')),
    // the list says whether the definition is custom and which versions exist
    api('/objects').then((r) => r.items.find((o) => String(o.id) === String(id))).catch(() => null),
  ]);
  if (!view.current()) return;
  const versions = (listed && listed.versions) || [def.version];
  const custom = !!(listed && listed.custom);

  const pick = h('select', { id: 'object-version', 'aria-label': 'version' },
    versions.map((v) => h('option', { value: v, selected: v === def.version }, v)));
  pick.addEventListener('change', () => view.go('#/objects/' + def.id + '?version=' + encodeURIComponent(pick.value)));

  const xmlBox = h('div', { id: 'object-xml-view', class: 'hidden' });
  const showXml = h('button', { id: 'object-show-xml' }, 'Show XML');
  showXml.addEventListener('click', () => busy(showXml, async () => {
    if (!xmlBox.classList.contains('hidden')) {
      xmlBox.classList.add('hidden');
      fill(showXml, 'Show XML');
      return;
    }
    const text = await api('/objects/' + def.id + '?format=xml&version=' + encodeURIComponent(def.version), { text: true });
    fill(xmlBox, h('div', { class: 'row' }, h('b', null, 'DDF XML'), h('span', { class: 'grow' }),
      h('button', { onclick: () => save(text, 'object-' + def.id + '-' + def.version + '.xml') }, 'Download')),
    numbered(text));
    xmlBox.classList.remove('hidden');
    fill(showXml, 'Hide XML');
  }));
  const del = custom ? h('button', { class: 'danger', id: 'object-delete' }, 'Delete uploaded definition') : null;
  if (del) del.addEventListener('click', () => remove({ ...def, versions }, del, () => view.go('#/objects')));

  fill(view.root,
    h('p', { class: 'crumbs' }, h('a', { href: '#/objects' }, 'Objects'), ' / ', String(def.id)),
    h('h1', null, h('span', { class: 'mono muted' }, def.id), def.name,
      custom ? pill('custom', 'custom') : pill('built-in', 'builtin')),
    h('div', { class: 'panel' },
      h('dl', { class: 'facts' },
        h('dt', null, 'Version'), h('dd', null, versions.length > 1 ? pick : def.version,
          versions.length > 1 ? h('span', { class: 'muted' }, ' (' + versions.length + ' versions known)') : null),
        h('dt', null, 'Instances'), h('dd', null, def.multiInstance ? 'multiple' : 'single'),
        h('dt', null, 'Resources'), h('dd', null, def.resources.length),
        h('dt', null, 'Definition'), h('dd', null, custom
          ? 'uploaded (deleting it brings the built-in one back, if there is one)' : 'built in (the OMA registry catalog)')),
      h('div', { class: 'row actions' }, showXml, del)),
    xmlBox,
    h('h2', null, 'Resources'),
    h('table', { class: 'resources', id: 'object-resources' },
      h('thead', null, h('tr', null, h('th', { class: 'id' }, 'ID'), h('th', null, 'Name'), h('th', null, 'Type'),
        h('th', null, 'Operations'), h('th', null, 'Instances'), h('th', null, 'Mandatory'), h('th', null, 'Units'),
        h('th', { title: 'the key in object trees with translateIds combined' }, 'Key'))),
      h('tbody', null, def.resources.map((r) => h('tr', { dataset: { resourceId: r.id } },
        h('td', { class: 'id mono' }, r.id),
        h('td', null, r.name),
        h('td', null, r.type),
        h('td', { class: 'mono' }, operations(r)),
        h('td', null, r.multiInstance ? 'multiple' : 'single'),
        h('td', null, r.mandatory ? 'mandatory' : h('span', { class: 'muted' }, 'optional')),
        h('td', null, r.units || ''),
        h('td', { class: 'mono muted' }, combinedKey(r.name, r.id)))))));
}

function operations(r) {
  const ops = (r.allowRead ? 'R' : '') + (r.allowWrite ? 'W' : '') + (r.allowExec ? 'E' : '');
  return ops || '—';
}

/**
 * The resource's key in the "combined" format scripts see (SCRIPTING.md): the name in lower case with
 * every other run of characters as one _, then _id; the bare id when no usable name is left.
 */
function combinedKey(name, id) {
  const normalized = String(name || '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return normalized && !/^[0-9]+$/.test(normalized) ? normalized + '_' + id : String(id);
}

/** The text with line numbers, built line by line as text. */
function numbered(text) {
  const lines = text.replace(/\n$/, '').split('\n');
  return h('pre', { class: 'xml-view' }, lines.map((line, i) =>
    h('div', null, h('span', { class: 'ln' }, i + 1), line)));
}

function save(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/xml' }));
  const a = h('a', { href: url, download: name, class: 'hidden' });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
