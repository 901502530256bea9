// Device info on register: when a device registers, read its Device object (3/0) and keep the
// manufacturer, model, serial and firmware version as endpoint tags, then observe its battery level
// (3/0/9) so every change arrives as an lwm2m-data event with source "notify".
//
// Use: create a trigger with this script and the filter below. Search the fleet afterwards with
// endpoint.search('tags.manufacturer:Acme*') or GET /api/v1/endpoints?q=tags.firmware:1.2.*.
// The battery notifications carry context {watch: 'battery'}: give your lwm2m-data triggers the
// filterCustom {"context.watch": {"comp": "eq", "value": "battery"}} to pick them out.
//
// @filterType lwm2m-register

var ep = event.endpoint.key;
try {
  // runs after the device has been answered, so a synchronous read reaches a device that is ready
  var info = lwm2m.read(ep, '3/0', {async: false, translateIds: 'strings'}).device['0'];
  endpoint.updateTags(ep, {
    manufacturer: info.manufacturer || '',
    model: info.model_number || '',
    serial: info.serial_number || '',
    firmware: info.firmware_version || ''
  }, null);
  log.info('device info stored', {endpoint: ep, manufacturer: info.manufacturer, model: info.model_number});
} catch (e) {
  log.warn('could not read device info', {endpoint: ep, error: e.message});
}

// only devices that announced the battery resource are asked to report it
if (event.data.discovery && event.data.discovery.children['3']) {
  lwm2m.observe(ep, '3/0/9', {context: {watch: 'battery'}});
}
