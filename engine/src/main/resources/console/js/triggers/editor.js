// The script editor: CodeMirror 5 from the WebJar (classic scripts, loaded on first use), in JavaScript
// mode with line numbers and matching brackets, and a gutter that marks the line of a problem.

import { h, css, script } from '../dom.js';

const CM = '/console/vendor/codemirror/';
const GUTTER = 'trigger-problems';

/** Loads CodeMirror once: the library first, then its JavaScript mode and the bracket matcher. */
export async function loadCodeMirror() {
  css(CM + 'lib/codemirror.css');
  await script(CM + 'lib/codemirror.js');
  await Promise.all([script(CM + 'mode/javascript/javascript.js'), script(CM + 'addon/edit/matchbrackets.js')]);
  return window.CodeMirror;
}

/**
 * Builds the editor inside `container` (the CodeMirror instance stays reachable from the DOM as
 * `container.querySelector('.CodeMirror').CodeMirror`). `onSave` runs on Ctrl-S / Cmd-S.
 */
export async function createEditor(container, value, { onChange, onSave } = {}) {
  const CodeMirror = await loadCodeMirror();
  const cm = CodeMirror(container, {
    value: value || '',
    mode: 'javascript',
    lineNumbers: true,
    matchBrackets: true,
    indentUnit: 2,
    tabSize: 2,
    lineWrapping: false,
    gutters: ['CodeMirror-linenumbers', GUTTER],
    extraKeys: {
      'Ctrl-S': () => onSave && onSave(),
      'Cmd-S': () => onSave && onSave(),
      Tab: (c) => (c.somethingSelected() ? c.indentSelection('add') : c.replaceSelection('  ')),
    },
  });
  if (onChange) cm.on('changes', () => onChange(cm.getValue()));
  return new Editor(cm);
}

/** The editor with the problem markers the page sets and clears. */
class Editor {
  constructor(cm) {
    this.cm = cm;
    this.marked = new Map(); // kind -> line handle
  }

  get value() {
    return this.cm.getValue();
  }

  set value(text) {
    this.cm.setValue(text || '');
    this.cm.clearHistory();
  }

  /** A 1-based line number within the document (a problem "after the end" is shown on the last line). */
  clamp(line) {
    return Math.min(Math.max(1, line | 0), this.cm.lineCount());
  }

  /**
   * Marks line `line` (1-based) as having a problem: a marker in the gutter whose tooltip is the
   * message and the class `trigger-problem-line` on the line. `kind` is "syntax" or "run": one mark of
   * each kind at a time, so a new check replaces the previous one.
   */
  mark(kind, line, message) {
    this.unmark(kind);
    const n = this.clamp(line) - 1;
    const handle = this.cm.getLineHandle(n);
    const marker = h('span', { class: 'trigger-marker ' + kind, title: message || '', dataset: { line: String(n + 1) } }, '●');
    this.cm.setGutterMarker(handle, GUTTER, marker);
    this.cm.addLineClass(handle, 'background', 'trigger-problem-line');
    this.cm.addLineClass(handle, 'wrap', 'trigger-problem-' + kind);
    this.marked.set(kind, handle);
  }

  unmark(kind) {
    const handle = this.marked.get(kind);
    if (!handle) return;
    this.marked.delete(kind);
    this.cm.setGutterMarker(handle, GUTTER, null);
    this.cm.removeLineClass(handle, 'wrap', 'trigger-problem-' + kind);
    if (![...this.marked.values()].includes(handle)) this.cm.removeLineClass(handle, 'background', 'trigger-problem-line');
  }

  /** Scrolls to line `line` (1-based), puts the cursor there and flashes it. */
  jump(line) {
    const n = this.clamp(line) - 1;
    this.cm.focus();
    this.cm.setCursor({ line: n, ch: 0 });
    this.cm.scrollIntoView({ line: n, ch: 0 }, 80);
    const handle = this.cm.getLineHandle(n);
    this.cm.addLineClass(handle, 'background', 'trigger-flash');
    setTimeout(() => this.cm.removeLineClass(handle, 'background', 'trigger-flash'), 1200);
  }

  refresh() {
    this.cm.refresh();
  }
}
