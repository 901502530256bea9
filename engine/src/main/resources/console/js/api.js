// The console's only way to the server: the public REST API under /api/v1 with the API token the user
// signed in with. The token is kept in sessionStorage, so it lives as long as the browser tab.

const TOKEN_KEY = 'lwm2m-bridge.token';
const BASE = '/api/v1';

/** An answer other than 2xx: status and the API's own error words. */
export class ApiError extends Error {
  constructor(status, message, details) {
    super(message);
    this.status = status;
    this.details = details;
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Listeners told when the API answers 401, so the app can go back to the sign-in page. */
const unauthorized = new Set();
export function onUnauthorized(listener) {
  unauthorized.add(listener);
  return () => unauthorized.delete(listener);
}

function headers(extra) {
  const h = { Accept: 'application/json', ...extra };
  const t = token.get();
  if (t) h.Authorization = 'Bearer ' + t;
  return h;
}

async function failure(response) {
  let message = response.status + ' ' + response.statusText;
  let details;
  try {
    const body = await response.json();
    if (body && body.error) {
      message = body.error;
      details = body.details;
    }
  } catch (e) {
    // not JSON: keep the status line
  }
  if (response.status === 401) unauthorized.forEach((l) => l(message));
  return new ApiError(response.status, message, details);
}

/**
 * Calls the API. `body` is sent as JSON unless it is a string (sent as is, with `contentType`) or a Blob.
 * Answers the parsed JSON (or text when `text` is set, or null for an empty answer); throws ApiError.
 */
export async function api(path, { method = 'GET', body, contentType, text = false, signal } = {}) {
  const init = { method, headers: headers(), signal };
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Blob) {
      init.body = body;
      init.headers['Content-Type'] = contentType || 'text/plain';
    } else {
      init.body = JSON.stringify(body);
      init.headers['Content-Type'] = 'application/json';
    }
  }
  const response = await fetch(BASE + path, init);
  if (!response.ok) throw await failure(response);
  if (text) return response.text();
  const raw = await response.text();
  return raw ? JSON.parse(raw) : null;
}

/** Builds a query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/**
 * Uploads with progress (fetch cannot report upload progress, XMLHttpRequest can).
 * `onProgress(sent, total)` is called as bytes leave; answers the parsed JSON answer.
 */
export function upload(path, body, { method = 'POST', contentType, onProgress } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, BASE + path);
    for (const [k, v] of Object.entries(headers())) xhr.setRequestHeader(k, v);
    if (contentType) xhr.setRequestHeader('Content-Type', contentType);
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : undefined);
    xhr.onerror = () => reject(new ApiError(0, 'the upload failed: the server could not be reached'));
    xhr.onload = () => {
      let parsed = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch (e) {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(parsed);
      } else {
        const message = parsed && parsed.error ? parsed.error : xhr.status + ' ' + xhr.statusText;
        if (xhr.status === 401) unauthorized.forEach((l) => l(message));
        reject(new ApiError(xhr.status, message, parsed && parsed.details));
      }
    };
    xhr.send(body);
  });
}

/**
 * Follows GET /api/v1/events/stream with the token in a header (EventSource cannot send one), so the
 * token never appears in a URL. Calls onEvent(event) for each event; reconnects after a drop from the
 * last event id it saw. Answers a function that stops it.
 */
export function streamEvents(params, onEvent, { onState } = {}) {
  let stopped = false;
  let controller;
  let lastId = null;
  let delay = 1000;

  async function connect() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const p = { ...params };
        if (lastId !== null) p.after = lastId;
        const response = await fetch(BASE + '/events/stream' + query(p), {
          headers: headers({ Accept: 'text/event-stream' }),
          signal: controller.signal,
        });
        if (!response.ok) throw await failure(response);
        onState && onState('live');
        delay = 1000;
        await readEvents(response.body, (id, data) => {
          if (id) lastId = id;
          try {
            onEvent(JSON.parse(data));
          } catch (e) {
            console.error('bad event from the stream', e);
          }
        });
      } catch (e) {
        if (stopped) return;
        if (e instanceof ApiError && e.status === 401) return;
      }
      if (stopped) return;
      onState && onState('reconnecting');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 15000);
    }
  }

  connect();
  return () => {
    stopped = true;
    if (controller) controller.abort();
  };
}

async function readEvents(body, emit) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      let id = null;
      const data = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('id:')) id = line.slice(3).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) emit(id, data.join('\n'));
    }
  }
}
