// Device commands over MQTT: another system publishes a command for a device on
// "devices/<endpoint>/commands", this trigger carries it out on the device and publishes the answer on
// "devices/<endpoint>/replies" (or on the MQTT 5 response topic the command names), with the command's
// id, so the sender can match answers to commands. Commands are JSON:
//   {"id": "c1", "op": "read",  "path": "3/0/15"}
//   {"id": "c2", "op": "write", "path": "3/0/15", "value": "Europe/Paris"}
//   {"id": "c3", "op": "exec",  "path": "3/0/4"}
// Answers: {"id": "c1", "ok": true, "result": <the value read, or the call's result>} or
// {"id": "c1", "ok": false, "error": "<what went wrong>"}. A device that is asleep (queue mode) is
// answered when it wakes, within the run's time limit.
//
// Use: define the MQTT service (POST /api/v1/services {"key": "broker", "type": "mqtt",
// "uri": "mqtt://broker.example:1883", "clientId": "lwm2m-bridge"}), then create a trigger with this
// script and the filter below; SERVICE must be the trigger's filterServiceId, since replies go back
// through the same broker.
//
// @filterType mqtt-message
// @filterServiceId broker
// @filterTopic devices/+/commands

var SERVICE = 'broker';
var ep = event.data.topic.split('/')[1];
var command = event.data.payload;
var props = event.data.properties || {};
var replyTopic = props.responseTopic || 'devices/' + ep + '/replies';
var answer = {id: command && command.id !== undefined ? command.id : null};

try {
  if (!command || typeof command !== 'object' || typeof command.path !== 'string') {
    throw new Error('a command is JSON: {id, op: "read" | "write" | "exec", path, value}');
  }
  var result;
  if (command.op === 'read') {
    result = lwm2m.read(ep, command.path, {async: false, return: 'value', translateIds: 'numbers'});
    result = result && result.value !== undefined ? result.value : result;
  } else if (command.op === 'write') {
    result = lwm2m.write(ep, command.path, command.value, {async: false});
  } else if (command.op === 'exec') {
    result = lwm2m.exec(ep, command.path, {async: false});
  } else {
    throw new Error('unknown op "' + command.op + '" (read, write or exec)');
  }
  answer.ok = true;
  answer.result = result;
} catch (e) {
  answer.ok = false;
  answer.error = e.message;
  log.warn('device command failed', {endpoint: ep, command: command, error: e.message});
}
mqtt.publish(SERVICE, replyTopic, answer, {qos: 1});
