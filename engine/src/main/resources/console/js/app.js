// The console's shell: sign-in, navigation and a hash router. Each page is a module under ./pages/
// whose default export is `async function (view)`, where view is
//   { root: the page's element, params: route parameters, query: URLSearchParams of the hash,
//     cleanup(fn): run fn when the user leaves the page (close streams, timers), go(hash), title(text),
//     guard(fn): before the user leaves for another page, fn() may answer a question (unsaved changes?)
//     that the user must confirm, else they stay }.
// Pages load when first visited, so the devices list never pays for the trigger editor.

import { api, ApiError, token, onUnauthorized } from './api.js';
import { h, fill, notify } from './dom.js';

const ROUTES = [
  ['devices', /^\/devices\/?$/, []],
  ['device', /^\/devices\/([^/]+)$/, ['key']],
  ['triggers', /^\/triggers\/?$/, []],
  ['trigger', /^\/triggers\/([^/]+)$/, ['id']],
  ['events', /^\/events\/?$/, []],
  ['firmware', /^\/firmware\/?$/, []],
  ['objects', /^\/objects\/?$/, []],
  ['object', /^\/objects\/([^/]+)$/, ['id']],
  ['bootstrap', /^\/bootstrap\/?$/, []],
  ['settings', /^\/settings\/?$/, []],
];

const NAV = [
  ['#/devices', 'Devices', ['devices', 'device']],
  ['#/triggers', 'Triggers', ['triggers', 'trigger']],
  ['#/events', 'Events & logs', ['events']],
  ['#/firmware', 'Firmware', ['firmware']],
  ['#/objects', 'Objects', ['objects', 'object']],
  ['#/bootstrap', 'Bootstrap', ['bootstrap']],
  ['#/settings', 'Settings', ['settings']],
];

let cleanups = [];
let generation = 0;
let guards = [];

/** Whether the page's guards let the user leave (asking when one has a reason to stay). */
function mayLeave() {
  for (const guard of guards) {
    const question = guard();
    if (question && !window.confirm(question)) return false;
  }
  return true;
}

function leavePage() {
  guards = [];
  for (const fn of cleanups) {
    try {
      fn();
    } catch (e) {
      console.error(e);
    }
  }
  cleanups = [];
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/devices';
  const [path, q] = raw.split('?');
  for (const [name, re, keys] of ROUTES) {
    const m = path.match(re);
    if (m) {
      const params = {};
      keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
      return { name, params, query: new URLSearchParams(q || '') };
    }
  }
  return { name: null, params: {}, query: new URLSearchParams() };
}

function shell() {
  const app = document.getElementById('app');
  let main = document.getElementById('page');
  if (main) return main;
  const nav = h('nav', { class: 'nav', 'aria-label': 'sections' },
    h('a', { class: 'brand', href: '#/devices' }, h('img', { src: '/console/icon.svg', alt: '' }), 'lwm2m-bridge'),
    NAV.map(([href, label]) => h('a', { href, id: 'nav-' + href.slice(2) }, label)),
    h('span', { class: 'grow' }),
    h('a', { href: '/api/v1/openapi.yml', target: '_blank', rel: 'noopener' }, 'API'),
    h('button', { class: 'link', id: 'sign-out', onclick: signOut }, 'Sign out'));
  main = h('main', { id: 'page' });
  fill(app, nav, h('div', { id: 'notices', 'aria-live': 'polite' }), main);
  return main;
}

/** Called on load, after sign-in, and for each hashchange event (which says where the user came from). */
async function route(change) {
  if (!token.get()) {
    signIn();
    return;
  }
  if (change && change.oldURL && !mayLeave()) {
    // stay: put back the address the page had (it may have replaced it itself) without routing again
    history.replaceState(null, '', new URL(change.oldURL).hash || '#/devices');
    return;
  }
  leavePage();
  const mine = ++generation;
  const main = shell();
  const { name, params, query } = parseHash();
  for (const [href, , names] of NAV) {
    document.getElementById('nav-' + href.slice(2)).classList.toggle('active', names.includes(name));
  }
  const root = h('section', { class: 'page', dataset: { page: name || 'none' } });
  fill(main, root);
  if (!name) {
    fill(root, h('h1', null, 'Not found'), h('p', null, 'No page at ' + location.hash + '. ', h('a', { href: '#/devices' }, 'Devices')));
    return;
  }
  const view = {
    root,
    params,
    query,
    cleanup: (fn) => {
      // a page that finishes loading after the user left it is cleaned up at once
      if (mine !== generation) fn();
      else cleanups.push(fn);
    },
    go: (hash) => (location.hash = hash),
    title: (text) => (document.title = text + ' · lwm2m-bridge'),
    guard: (fn) => { if (mine === generation) guards.push(fn); },
    current: () => mine === generation,
  };
  try {
    const module = await import('./pages/' + name + '.js');
    if (mine !== generation) return;
    await module.default(view);
  } catch (e) {
    if (mine !== generation) return;
    console.error(e);
    root.appendChild(h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : 'This page failed: ' + (e.message || e)));
  }
}

function signIn(message) {
  leavePage();
  generation++;
  document.title = 'Sign in · lwm2m-bridge';
  const input = h('input', { id: 'token', type: 'password', autocomplete: 'current-password', required: true,
    placeholder: 'API token', 'aria-label': 'API token' });
  const error = h('p', { class: 'error', id: 'sign-in-error', role: 'alert' }, message || '');
  const form = h('form', { class: 'sign-in', id: 'sign-in' },
    h('h1', null, h('img', { src: '/console/icon.svg', alt: '' }), 'lwm2m-bridge'),
    h('p', { class: 'muted' }, 'Sign in with the server\u2019s API token (BRIDGE_API_TOKEN, or data/api-token). It is kept for this tab only.'),
    input,
    h('button', { type: 'submit', class: 'primary', id: 'sign-in-button' }, 'Sign in'),
    error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    token.set(input.value.trim());
    try {
      await api('/settings');
      route();
    } catch (err) {
      token.clear();
      fill(error, err.status === 401 ? 'That token is not the server\u2019s API token.' : err.message);
      input.select();
    }
  });
  fill(document.getElementById('app'), form);
  input.focus();
}

function signOut() {
  if (!mayLeave()) return;
  token.clear();
  signIn();
}

onUnauthorized(() => {
  // the sign-in form handles its own refusal; anywhere else a 401 means the token stopped working
  if (token.get() && !document.getElementById('sign-in')) {
    token.clear();
    signIn('The server refused the token (it may have changed). Sign in again.');
  }
});

window.addEventListener('hashchange', route);
window.addEventListener('unhandledrejection', (e) => {
  if (e.reason instanceof ApiError) notify(e.reason.message, 'error');
});
route();
