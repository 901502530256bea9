// Installed once in every pooled context. Gives scripts the host objects as plain JavaScript objects
// whose functions pass JSON to the single host entry point, so no host object ever reaches a script.
// Returns the bridge the sandbox drives: begin() before a run, end() after it, isExit() for trigger.exit().
// Host objects are frozen and bound read-only on the global object, so a run can neither change nor
// replace them for the runs after it.
(function (hostCall, hostValues, namesJson, valueNamesJson) {
  'use strict';
  var g = globalThis;
  // captured now so that a script replacing JSON or Object cannot break the bridge for later runs
  var jsonStringify = JSON.stringify;
  var jsonParse = JSON.parse;
  var defineProperty = Object.defineProperty;
  var getOwnPropertyNames = Object.getOwnPropertyNames;
  var keys = Object.keys;
  var slice = Array.prototype.slice;
  var isView = ArrayBuffer.isView;
  var ErrorTypes = { Error: Error, TypeError: TypeError, RangeError: RangeError, ReferenceError: ReferenceError };
  var HEX = '0123456789abcdef';
  var names = jsonParse(namesJson);
  var valueNames = jsonParse(valueNamesJson);
  // built-ins of the engine that lead outside the sandbox or are not part of the trigger contract
  ['Polyglot', 'Java', 'Graal', 'Packages', 'java', 'javax', 'com', 'org', 'edu', 'net', 'load', 'loadWithNewGlobal',
   'print', 'printErr', 'quit', 'exit', 'readline', 'readbuffer', 'read'].forEach(function (n) {
    try {
      delete g[n];
    } catch (e) {
      // not configurable: leave it, it cannot reach the host anyway
    }
  });
  var EXIT = Object.freeze({ __lwm2mBridgeExit: true, toString: function () { return 'trigger.exit()'; } });

  function toHex(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) {
      s += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
    }
    return s;
  }

  function fromHex(hex) {
    var out = new Uint8Array(hex.length >> 1);
    for (var i = 0; i < out.length; i++) {
      out[i] = parseInt(hex.substr(i * 2, 2), 16);
    }
    return out;
  }

  function replacer(key, value) {
    if (value instanceof ArrayBuffer) {
      return { __bytes__: toHex(new Uint8Array(value)) };
    }
    if (isView(value)) {
      return { __bytes__: toHex(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
    }
    if (typeof value === 'bigint') {
      return Number(value);
    }
    return value;
  }

  function reviver(key, value) {
    if (value !== null && typeof value === 'object' && typeof value.__bytes__ === 'string' && keys(value).length === 1) {
      return fromHex(value.__bytes__);
    }
    return value;
  }

  function call(name, args) {
    var argsJson = jsonStringify(slice.call(args), replacer);
    var result = jsonParse(hostCall(name, argsJson === undefined ? '[]' : argsJson), reviver);
    if (result.x === true) {
      throw EXIT;
    }
    if (result.e !== undefined) {
      var Type = ErrorTypes[result.t] || Error;
      throw new Type(result.e);
    }
    return result.v;
  }

  // host functions whose script-side behaviour is more than one call
  var special = {
    'trigger.exit': function () {
      throw EXIT;
    },
    'endpoint.search': function (query, callback) {
      var items = call('endpoint.search', [query]);
      if (typeof callback === 'function') {
        for (var i = 0; i < items.length; i++) {
          callback(items[i]);
        }
      }
      return items;
    }
  };

  function hostFunction(qualifiedName) {
    return special[qualifiedName] || function () {
      return call(qualifiedName, arguments);
    };
  }

  var freeze = Object.freeze;
  // the current run's values, asked of the host on first use in the run
  var values = null;

  function valueOf(objectName, member) {
    if (values === null) {
      values = jsonParse(hostValues(), reviver) || {};
    }
    var forObject = values[objectName];
    return forObject === undefined || forObject === null ? undefined : forObject[member];
  }

  // The host objects are built once per context and frozen, with their functions: no run can change
  // or remove what the next run sees, and no run pays for building them again. Per-run values
  // (global.values) are getters reading the current run's values.
  function install() {
    var objects = {};
    names.forEach(function (qualifiedName) {
      var dot = qualifiedName.indexOf('.');
      var objectName = qualifiedName.substring(0, dot);
      var target = objects[objectName] || (objects[objectName] = {});
      target[qualifiedName.substring(dot + 1)] = freeze(hostFunction(qualifiedName));
    });
    valueNames.forEach(function (qualifiedName) {
      var dot = qualifiedName.indexOf('.');
      var objectName = qualifiedName.substring(0, dot);
      var member = qualifiedName.substring(dot + 1);
      var target = objects[objectName] || (objects[objectName] = {});
      defineProperty(target, member, {
        get: function () { return valueOf(objectName, member); }, enumerable: true, configurable: false
      });
    });
    if (objects.log && !objects.console) {
      objects.console = {
        log: objects.log.info, info: objects.log.info, warn: objects.log.warn,
        error: objects.log.error, debug: objects.log.debug, trace: objects.log.trace
      };
    }
    keys(objects).forEach(function (objectName) {
      defineProperty(g, objectName, { value: freeze(objects[objectName]), writable: false, configurable: false, enumerable: false });
    });
  }

  install();
  defineProperty(g, 'event', { value: {}, writable: true, configurable: true, enumerable: false });
  var baseline = {};
  getOwnPropertyNames(g).forEach(function (n) {
    baseline[n] = true;
  });

  return {
    begin: function (eventJson) {
      values = null;
      // a fresh event every run: what one run changes in it, the next never sees
      defineProperty(g, 'event', { value: jsonParse(eventJson, reviver), writable: true, configurable: true, enumerable: false });
    },
    end: function () {
      var clean = true;
      var own = getOwnPropertyNames(g);
      for (var i = 0; i < own.length; i++) {
        var n = own[i];
        if (!baseline[n]) {
          try {
            delete g[n];
          } catch (e) {
            clean = false;
          }
        }
      }
      values = null;
      return clean;
    },
    isExit: function (thrown) {
      return thrown === EXIT;
    }
  };
})
