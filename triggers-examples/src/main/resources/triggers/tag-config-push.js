// Tag-driven configuration push: give an endpoint tags named "config:<path>" and, each time it
// registers, the value of each such tag is written to that resource ("config:3/0/15" = "Europe/Paris"
// sets the Device timezone). What was written is remembered in the endpoint's storage, so an
// unchanged value is not written again at the next registration.
//
// Use: set the tags when provisioning (POST /api/v1/endpoints {"endpoint": "dev-1",
// "tags": {"config:3/0/15": "Europe/Paris"}}) or from a script (endpoint.updateTags), and create a
// trigger with this script and the filter below.
//
// @filterType lwm2m-register

var ep = event.endpoint.key;
var tags = event.endpoint.tags || {};
var pushed = endpoint.storageGet(ep, 'pushedConfig') || {};
var changed = false;
Object.keys(tags).forEach(function (name) {
  if (name.indexOf('config:') !== 0) {
    return;
  }
  var path = name.substring('config:'.length);
  var value = tags[name];
  if (pushed[path] === value) {
    log.debug('configuration unchanged', {endpoint: ep, path: path});
    return;
  }
  try {
    lwm2m.write(ep, path, value, {async: false});
    pushed[path] = value;
    changed = true;
    log.info('configuration pushed', {endpoint: ep, path: path, value: value});
  } catch (e) {
    log.error('configuration push failed', {endpoint: ep, path: path, error: e.message});
  }
});
if (changed) {
  endpoint.storageSet(ep, 'pushedConfig', pushed);
}
