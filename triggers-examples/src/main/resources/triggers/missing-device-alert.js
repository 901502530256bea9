// Alert on a missing device: when nothing has been heard from a device for its "time before
// declared missing" (the time_before_missing_s setting, or the endpoint's own timeBeforeMissing),
// post an alert to a webhook and mark the endpoint so searches find it
// (endpoint.search('statusDetails.missing:true')).
//
// Use: define the webhook as a named service (POST /api/v1/services
// {"key": "alerts", "baseUrl": "https://hooks.example.com/lwm2m", "headers": {"Authorization": "..."}}),
// optionally name another service in the global value "alertService", and create a trigger with
// this script and the filter below. A webhook on a loopback or private address is reached only when
// the http_allowed_hosts setting names it.
//
// @filterType lwm2m-missing

var service = global.values.alertService || 'alerts';
var ep = event.endpoint;
var alert = {
  alert: 'device missing',
  endpoint: ep.key,
  name: ep.name,
  tags: ep.tags,
  lastSeen: event.data.lastSeen,
  detectedAt: event.ts
};
endpoint.update(ep.key, {statusDetails: {missing: true, missingSince: event.data.lastSeen}});
var r = http.post(service, '/missing', alert, {timeout: 10});
if (r.status >= 300) {
  log.error('the alert webhook refused the alert', {endpoint: ep.key, status: r.status, body: r.body});
} else {
  log.info('missing-device alert sent', {endpoint: ep.key, lastSeen: event.data.lastSeen});
}
