// Forward data to a webhook: every lwm2m-data event (read results, notifications, Sends) is posted
// as JSON to the URL in the global value "webhookUrl", with the secret global value "webhookToken"
// (if set) as a bearer token. A failed post is logged and retried once.
//
// Use: PUT /api/v1/globals {"webhookUrl": {"value": "https://example.com/ingest"},
//                           "webhookToken": {"value": "...", "secret": true}}
// then create a trigger with this script and the filter below. To forward notifications only, add
// the filterCustom {"source": {"comp": "eq", "value": "notify"}}. A webhook on a loopback or private
// address (127.0.0.1, 10.x.x.x, ...) is reached only when the http_allowed_hosts setting names it.
//
// @filterType lwm2m-data

var url = global.values.webhookUrl;
if (!url) {
  log.warn('forward-data-webhook: set the global value webhookUrl');
  trigger.exit();
}
var headers = {};
if (global.values.webhookToken) {
  headers.Authorization = 'Bearer ' + global.values.webhookToken;
}
var payload = {
  endpoint: event.endpoint.key,
  tags: event.endpoint.tags,
  ts: event.ts,
  source: event.data.source,
  path: event.data.path,
  data: event.data.data
};
var attempt = 0;
var status = 0;
while (attempt < 2 && (status === 0 || status >= 500)) {
  attempt++;
  try {
    status = http.post(url, payload, {headers: headers, timeout: 10}).status;
  } catch (e) {
    log.warn('webhook post failed', {endpoint: payload.endpoint, attempt: attempt, error: e.message});
  }
}
if (status < 200 || status >= 300) {
  log.error('data not forwarded', {endpoint: payload.endpoint, status: status});
}
