// "Read this path" helper: a generic trigger other scripts and HTTP clients call to read one or
// more paths of a device synchronously, with the result (or the error) as the reply.
//
//   from a script: var r = exec.sync('read-path', {endpoint: 'dev-1', path: '3/0/0'}, 30);
//   over HTTP:     POST /api/v1/generic/read-path {"endpoint": "dev-1", "path": ["3/0/0", "3/0/1"]}
//
// A single resource replies {endpoint, path, value}; an instance or several paths reply
// {endpoint, path, data} with the tree in the "strings" key format (data.device["0"].manufacturer).
// Failures reply {endpoint, path, error} rather than failing the caller.
//
// @filterType generic
// @filterGeneric read-path

var req = event.data.data;
if (typeof req.endpoint !== 'string' || !req.path) {
  trigger.reply({error: 'give {endpoint: "<key>", path: "3/0/0" or ["3/0/0", ...]}'});
  trigger.exit();
}
var single = typeof req.path === 'string' && req.path.replace(/^\//, '').split('/').length === 3;
try {
  if (single) {
    var v = lwm2m.read(req.endpoint, req.path, {async: false, return: 'value', timeout: req.timeout || 20});
    trigger.reply({endpoint: req.endpoint, path: req.path, value: v.value});
  } else {
    var tree = lwm2m.read(req.endpoint, req.path, {async: false, translateIds: 'strings', timeout: req.timeout || 20});
    trigger.reply({endpoint: req.endpoint, path: req.path, data: tree});
  }
} catch (e) {
  trigger.reply({endpoint: req.endpoint, path: req.path, error: e.message});
}
