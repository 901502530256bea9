// The fields of a trigger record besides its script (SCRIPTING.md, "Triggers"): a form that shows only
// what the chosen event type uses, and turns back into the fields to send. Fields the form does not
// know (rateLimit, ...) are edited as JSON, so every field of the record can be changed here.

import { h, fill } from '../dom.js';
import { typeSelect } from './common.js';

/** Fields the server owns (or the page edits elsewhere): never sent back. */
const SERVER = ['id', 'version', 'created', 'updated', 'runStats', 'enabled', 'def'];
/** Fields with their own input below. */
const FORM = ['name', 'desc', 'type', 'filterType', 'filterGeneric', 'filterCron', 'filterCustom', 'genericSample',
  'filterServiceId', 'filterTopic'];
const COMPARISONS = ['eq', 'ne', 'exists', 'contains'];

/**
 * Builds the form into a panel. `types` are the event types to offer; `onChange` runs on every edit.
 * Answers {element, load(record), read(), mark(field), type(), filterType()}.
 */
export function triggerFields(types, onChange) {
  const name = h('input', { id: 'trigger-name', name: 'name', required: true, maxlength: 200, autocomplete: 'off',
    placeholder: 'unique name, e.g. device-info', spellcheck: 'false' });
  const desc = h('input', { id: 'trigger-desc', name: 'desc', placeholder: 'what it is for (optional)' });
  const kind = h('select', { id: 'trigger-type', name: 'type' },
    h('option', { value: 'script' }, 'script: runs on events'),
    h('option', { value: 'library' }, 'library: code for trigger.include(name)'));
  const filterType = typeSelect(types, 'lwm2m-register', { id: 'trigger-filter-type', name: 'filterType' });
  const filterGeneric = h('input', { id: 'trigger-filter-generic', name: 'filterGeneric', placeholder: 'the name it is called by', spellcheck: 'false' });
  const genericSample = h('textarea', { id: 'trigger-generic-sample', name: 'genericSample', rows: 3, spellcheck: 'false',
    placeholder: '{"keys": ["a", "b"]}  (JSON: the payload, event.data.data, used by Try)' });
  const filterCron = h('input', { id: 'trigger-filter-cron', name: 'filterCron', placeholder: '0 0/5 * * * ?', spellcheck: 'false' });
  const filterServiceId = h('input', { id: 'trigger-filter-service', name: 'filterServiceId', placeholder: 'MQTT service key', spellcheck: 'false' });
  const filterTopic = h('input', { id: 'trigger-filter-topic', name: 'filterTopic', placeholder: 'sensors/+/temperature', spellcheck: 'false' });
  const conditions = h('div', { class: 'conditions', id: 'trigger-filter-custom' });
  const extra = h('textarea', { id: 'trigger-extra', name: 'extra', rows: 2, spellcheck: 'false', placeholder: '{"rateLimit": 10}' });
  let original = {};
  let sampleWasText = false;

  const field = (label, input, hint, attrs) => h('label', { class: 'field', ...attrs }, h('span', null, label), input,
    hint ? h('small', { class: 'muted' }, hint) : null);
  const generic = [field('Called as', filterGeneric, 'exec.now(name), exec.sync(name) or POST /api/v1/generic/{name}'),
    field('Sample payload', genericSample, 'JSON, or text', { class: 'field wide' })];
  const cron = [field('Cron', filterCron, 'Quartz: seconds minutes hours day month weekday [year]')];
  const mqtt = [field('MQTT service', filterServiceId), field('Topic', filterTopic, '+ and # match levels')];
  const eventOnly = [field('Runs on', filterType)];
  const conditionsBox = h('div', { class: 'field wide' },
    h('span', null, 'Only when'),
    conditions,
    h('button', { type: 'button', class: 'link', id: 'trigger-condition-add', onclick: () => { addCondition(); onChange(); } }, '+ condition'),
    h('small', { class: 'muted' }, 'paths inside event.data (source, data.device_3...); all must hold; values compared as text'));

  const element = h('div', { class: 'trigger-fields', oninput: () => onChange(), onchange: () => { shown(); onChange(); } },
    field('Name', name), field('Kind', kind), eventOnly, generic, cron, mqtt,
    field('Description', desc, null, { class: 'field wide' }),
    conditionsBox,
    h('details', { class: 'field wide extra' }, h('summary', null, 'Other fields (JSON)'),
      extra, h('small', { class: 'muted' }, 'fields the form does not show, kept and returned as they are (rateLimit, ...); remove a key to remove the field')));

  function shown() {
    const library = kind.value === 'library';
    const t = filterType.value;
    const show = (els, on) => els.forEach((el) => el.classList.toggle('hidden', !on));
    show(eventOnly, !library);
    show(generic, !library && t === 'generic');
    show(cron, !library && t === 'cron-event');
    show(mqtt, !library && t === 'mqtt-message');
    conditionsBox.classList.toggle('hidden', library);
  }

  function addCondition(path = '', rule = { comp: 'eq', value: '' }) {
    const p = h('input', { class: 'cond-path', placeholder: 'data.device_3.0.manufacturer_0', value: path, spellcheck: 'false', 'aria-label': 'path' });
    const comp = h('select', { class: 'cond-comp', 'aria-label': 'comparison' },
      COMPARISONS.map((c) => h('option', { value: c, selected: c === rule.comp }, c)));
    const value = h('input', { class: 'cond-value', placeholder: 'value', value: rule.value === undefined ? '' : String(rule.value), 'aria-label': 'value' });
    const sync = () => { value.disabled = comp.value === 'exists'; };
    comp.addEventListener('change', sync);
    sync();
    const line = h('div', { class: 'condition row' }, p, comp, value,
      h('button', { type: 'button', class: 'link', title: 'remove this condition', 'aria-label': 'remove condition',
        onclick: () => { line.remove(); onChange(); } }, '×'));
    conditions.appendChild(line);
  }

  function load(t) {
    original = t || {};
    name.value = original.name || '';
    desc.value = original.desc || '';
    kind.value = original.type || 'script';
    if (original.filterType && ![...filterType.options].some((o) => o.value === original.filterType)) {
      filterType.appendChild(h('option', { value: original.filterType }, original.filterType));
    }
    filterType.value = original.filterType || 'lwm2m-register';
    filterGeneric.value = original.filterGeneric || '';
    filterCron.value = original.filterCron || '';
    filterServiceId.value = original.filterServiceId || '';
    filterTopic.value = original.filterTopic || '';
    sampleWasText = typeof original.genericSample === 'string';
    genericSample.value = original.genericSample === undefined || original.genericSample === null ? ''
      : sampleWasText ? original.genericSample : JSON.stringify(original.genericSample, null, 2);
    fill(conditions);
    for (const [path, rule] of Object.entries(original.filterCustom || {})) addCondition(path, rule || {});
    const rest = {};
    // a field set to null is how PUT removes one: shown as absent
    for (const [k, v] of Object.entries(original)) if (!SERVER.includes(k) && !FORM.includes(k) && v !== null) rest[k] = v;
    extra.value = Object.keys(rest).length ? JSON.stringify(rest, null, 2) : '';
    extra.rows = Math.min(10, Math.max(2, extra.value.split('\n').length));
    genericSample.rows = Math.min(10, Math.max(3, genericSample.value.split('\n').length));
    if (extra.value) extra.closest('details').open = true;
    element.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    shown();
  }

  /**
   * The fields to send: everything the form holds, and null for a field the record had that is now
   * empty or removed (PUT changes only the fields it is given). Throws Error with `field` for input
   * that cannot be sent (JSON that does not parse).
   */
  function read() {
    const out = {};
    const put = (k, v) => {
      if (v === '' || v === undefined || v === null) {
        if (original[k] !== undefined && original[k] !== null) out[k] = null;
      } else {
        out[k] = v;
      }
    };
    put('name', name.value.trim());
    put('desc', desc.value.trim());
    out.type = kind.value;
    put('filterType', filterType.value);
    put('filterGeneric', filterGeneric.value.trim());
    put('filterCron', filterCron.value.trim());
    put('filterServiceId', filterServiceId.value.trim());
    put('filterTopic', filterTopic.value.trim());
    put('genericSample', sample());
    const custom = {};
    for (const line of conditions.querySelectorAll('.condition')) {
      const path = line.querySelector('.cond-path').value.trim();
      if (!path) continue;
      const comp = line.querySelector('.cond-comp').value;
      custom[path] = { comp, value: comp === 'exists' ? '' : line.querySelector('.cond-value').value };
    }
    put('filterCustom', Object.keys(custom).length ? custom : null);
    let rest = {};
    if (extra.value.trim()) {
      try {
        rest = JSON.parse(extra.value);
      } catch (e) {
        throw problem('Other fields are not JSON: ' + e.message, 'extra');
      }
      if (!rest || typeof rest !== 'object' || Array.isArray(rest)) throw problem('Other fields must be a JSON object', 'extra');
    }
    for (const [k, v] of Object.entries(rest)) {
      if (SERVER.includes(k) || FORM.includes(k)) throw problem('\u201c' + k + '\u201d has its own place on this page; take it out of the other fields', 'extra');
      out[k] = v;
    }
    for (const [k, v] of Object.entries(original)) {
      if (!SERVER.includes(k) && !FORM.includes(k) && !(k in rest) && v !== null) out[k] = null;
    }
    return out;
  }

  /** The sample as the record keeps it: JSON when it parses (unless it was text before), else text. */
  function sample() {
    const text = genericSample.value.trim();
    if (!text || sampleWasText) return text;
    try {
      return JSON.parse(text);
    } catch (e) {
      return text;
    }
  }

  function problem(message, fieldName) {
    const e = new Error(message);
    e.field = fieldName;
    return e;
  }

  /** Marks the input of a field the server or read() refused; no argument clears every mark. */
  function mark(fieldName) {
    element.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    if (!fieldName) return;
    const input = element.querySelector('[name="' + fieldName + '"]') || (fieldName === 'filterCustom' ? conditions : null);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const details = input.closest('details');
      if (details) details.open = true;
      if (input.focus) input.focus();
    }
  }

  shown();
  return {
    element,
    load,
    read,
    mark,
    name: () => name.value.trim(),
    type: () => kind.value,
    filterType: () => filterType.value,
    genericSample: sample,
  };
}
