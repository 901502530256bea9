// Connectivity report: one row per device in the report "connectivity", kept up to date as devices
// register, update and deregister. Rows are merged field by field, so the row keeps the time of the
// last registration when the device later goes away. View it with GET /api/v1/reports/connectivity
// (or ?format=csv for a spreadsheet).
//
// Use: create three triggers with this same script, one per filter type below.
//
// @filterType lwm2m-register lwm2m-update lwm2m-deregister

var ep = event.endpoint.key;
var values = {status: event.type === 'lwm2m-deregister' ? 'disconnected' : 'connected', lastEvent: event.type};
if (event.type === 'lwm2m-register') {
  values.lastRegistered = event.ts;
  values.binding = event.data.binding;
  values.lwm2mVersion = event.data.version;
  values.remoteAddr = event.data.remoteAddr;
}
if (event.type === 'lwm2m-update') {
  values.lastUpdate = event.ts;
  values.remoteAddr = event.data.remoteAddr;
}
if (event.type === 'lwm2m-deregister') {
  values.lastDeregistered = event.ts;
  values.reason = event.data.reason;
}
report.publish('connectivity', ep, event.ts, {name: event.endpoint.name, values: values});
