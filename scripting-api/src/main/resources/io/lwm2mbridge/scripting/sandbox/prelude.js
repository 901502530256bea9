// Installed once in every pooled context. Gives scripts the host objects as plain JavaScript objects
// whose functions pass JSON to the single host entry point, so no host object ever reaches a script.
// Returns the bridge the sandbox drives: begin() before a run, end() after it, isExit() for trigger.exit(),
// checkBody() to tell whether a text is one function body.
// Host objects are frozen and bound read-only on the global object, so a run can neither change nor
// replace them for the runs after it. Then every object reachable from the global object (built-ins,
// their prototypes, the intrinsics no global names, the host objects) is frozen, and every global the
// context starts with is made read-only, so no run can change what another run's code is made of;
// what a run adds to the global object, end() deletes.
(function (hostCall, hostValues, namesJson, valueNamesJson) {
  'use strict';
  var g = globalThis;
  // captured now so that a script replacing JSON or Object cannot break the bridge for later runs
  var jsonStringify = JSON.stringify;
  var jsonParse = JSON.parse;
  var defineProperty = Object.defineProperty;
  var getOwnPropertyNames = Object.getOwnPropertyNames;
  var keys = Object.keys;
  var ownKeys = Reflect.ownKeys;
  var getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  var getPrototypeOf = Object.getPrototypeOf;
  var isExtensible = Object.isExtensible;
  var hasOwn = Object.hasOwn;
  var FunctionConstructor = Function;
  var slice = Array.prototype.slice;
  var regExpExec = RegExp.prototype.exec;
  // matches the empty string: a successful match that leaves RegExp.$1, lastMatch, input and the other
  // legacy statics empty
  var EMPTY_MATCH = /(?:)/;
  var isView = ArrayBuffer.isView;
  var ErrorTypes = Object.create(null);
  ErrorTypes.Error = Error;
  ErrorTypes.TypeError = TypeError;
  ErrorTypes.RangeError = RangeError;
  ErrorTypes.ReferenceError = ReferenceError;
  var HEX = '0123456789abcdef';
  var names = jsonParse(namesJson);
  var valueNames = jsonParse(valueNamesJson);
  // built-ins of the engine that lead outside the sandbox or are not part of the trigger contract;
  // FinalizationRegistry because its callbacks run later, in the middle of whichever run is then under way,
  // where they would see that run's event and host calls
  ['Polyglot', 'Java', 'Graal', 'Packages', 'java', 'javax', 'com', 'org', 'edu', 'net', 'load', 'loadWithNewGlobal',
   'print', 'printErr', 'quit', 'exit', 'readline', 'readbuffer', 'read', 'arguments', 'FinalizationRegistry'
  ].forEach(function (n) {
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
    // (Object.prototype is frozen without __bytes__, so an inherited one cannot turn up here)
    if (value !== null && typeof value === 'object' && typeof value.__bytes__ === 'string' && keys(value).length === 1) {
      return fromHex(value.__bytes__);
    }
    return value;
  }

  function call(name, args) {
    var argsJson = jsonStringify(slice.call(args), replacer);
    var result = jsonParse(hostCall(name, argsJson === undefined ? '[]' : argsJson), reviver);
    if (hasOwn(result, 'x') && result.x === true) {
      throw EXIT;
    }
    if (hasOwn(result, 'e')) {
      var Type = ErrorTypes[result.t] || Error;
      throw new Type(result.e);
    }
    return hasOwn(result, 'v') ? result.v : undefined;
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
    },
    'mqtt.publish': function (serviceKey, topic, payload) {
      // a function would cross as null, an empty payload: a mistake to say, not a message to send
      if (typeof payload === 'function' || typeof payload === 'symbol') {
        throw new TypeError('mqtt.publish: the payload must be an object, an array, a string, a number, a boolean'
          + ' or bytes, not a ' + typeof payload);
      }
      return call('mqtt.publish', arguments);
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
    return forObject === undefined || forObject === null || !hasOwn(forObject, member) ? undefined : forObject[member];
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

  // Intrinsics that no global property names, reached through objects that have them as prototypes
  // (generator and async functions, iterators, iterator helpers, segments); everything else is reachable
  // from the global object.
  function hiddenIntrinsics() {
    var found = [function* () {}, async function () {}, async function* () {}, (function* () {})(),
      (async function* () {})(), [][Symbol.iterator](), ''[Symbol.iterator](), new Map()[Symbol.iterator](),
      new Set()[Symbol.iterator](), /a/[Symbol.matchAll]('')];
    try {
      found.push([].values().map(function (x) { return x; }));
      found.push(Iterator.from({ next: function () { return { done: true, value: undefined }; } }));
    } catch (e) {
      // no iterator helpers in this engine: nothing hidden there
    }
    try {
      var segments = new Intl.Segmenter().segment('');
      found.push(segments, segments[Symbol.iterator]());
    } catch (e) {
      // no Intl.Segmenter: nothing hidden there
    }
    return found;
  }

  // The "override mistake": assigning a property that an object inherits from a frozen prototype fails
  // (silently in sloppy mode) instead of creating an own property. These are the properties ordinary code
  // assigns that way (obj.toString = ..., err.message = ..., X.prototype.constructor = X after
  // X.prototype = Object.create(Error.prototype) or = {...}); each becomes a getter of the built-in value
  // and a setter that creates the own property on the object assigned to, as it would without the freeze.
  function tameOverride(proto, name) {
    var d = getOwnPropertyDescriptor(proto, name);
    if (d === undefined || !hasOwn(d, 'value') || !d.configurable) {
      return;
    }
    var value = d.value;
    defineProperty(proto, name, {
      get: function () {
        return value;
      },
      set: function (v) {
        if (this === proto) {
          throw new TypeError("Cannot assign to read only property '" + name + "' of a built-in prototype");
        }
        if (this === null || (typeof this !== 'object' && typeof this !== 'function')) {
          return; // a primitive: as for any sloppy assignment to a primitive, nothing happens
        }
        defineProperty(this, name, { value: v, writable: true, enumerable: true, configurable: true });
      },
      enumerable: d.enumerable,
      configurable: false
    });
  }

  function tameOverrides() {
    ['constructor', 'toString', 'toLocaleString', 'valueOf'].forEach(function (n) {
      tameOverride(Object.prototype, n);
    });
    tameOverride(Function.prototype, 'toString');
    [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, AggregateError].forEach(function (E) {
      ['constructor', 'name', 'message', 'toString'].forEach(function (n) {
        tameOverride(E.prototype, n);
      });
    });
  }

  // Freezes every object reachable from the global object and from the hidden intrinsics, through own
  // properties (values, getters, setters) and prototypes; the global object itself stays extensible so
  // sloppy scripts can still assign undeclared names, but every property it has now becomes read-only.
  function lockdown() {
    tameOverrides();
    var seen = new Set();
    var todo = [];
    function visit(v) {
      if (v !== null && (typeof v === 'object' || typeof v === 'function') && !seen.has(v)) {
        seen.add(v);
        todo.push(v);
      }
    }
    visit(g);
    hiddenIntrinsics().forEach(visit);
    while (todo.length > 0) {
      var o = todo.pop();
      visit(getPrototypeOf(o));
      var own = ownKeys(o);
      for (var i = 0; i < own.length; i++) {
        if (o === g && own[i] === 'event') {
          continue; // replaced by every run
        }
        var d = getOwnPropertyDescriptor(o, own[i]);
        if (d !== undefined) {
          visit(d.value);
          visit(d.get);
          visit(d.set);
        }
      }
    }
    seen.forEach(function (o) {
      if (o !== g) {
        freeze(o);
      }
    });
    ownKeys(g).forEach(function (k) {
      var d = getOwnPropertyDescriptor(g, k);
      if (k !== 'event' && d.configurable) {
        defineProperty(g, k, hasOwn(d, 'value') ? { writable: false, configurable: false } : { configurable: false });
      }
    });
  }

  install();
  defineProperty(g, 'event', { value: {}, writable: true, configurable: true, enumerable: false });
  lockdown();
  var globalPrototype = getPrototypeOf(g);
  // what the global object holds between runs, by key (names and symbols); a plain object rather than a
  // Set, whose lookups allocate in the interpreter
  var baseline = Object.create(null);
  ownKeys(g).forEach(function (k) {
    baseline[k] = true;
  });

  return {
    begin: function (eventJson) {
      values = null;
      // a fresh event every run: what one run changes in it, the next never sees
      defineProperty(g, 'event', { value: jsonParse(eventJson, reviver), writable: true, configurable: true, enumerable: false });
    },
    // Deletes what the run added to the global object; false when the context must not be reused: the run
    // left a global it cannot delete, changed the global object's prototype or extensibility, or made
    // `event` impossible to replace.
    end: function () {
      var clean = true;
      var own = ownKeys(g);
      for (var i = 0; i < own.length; i++) {
        if (baseline[own[i]] !== true) {
          try {
            delete g[own[i]];
          } catch (e) {
            clean = false;
          }
        }
      }
      var event = getOwnPropertyDescriptor(g, 'event');
      if (getPrototypeOf(g) !== globalPrototype || !isExtensible(g) || event === undefined || !event.configurable) {
        clean = false;
      }
      // RegExp.$1, lastMatch, input and the like hold the run's last match: replaced by an empty one, so the
      // next run starts without them (within a run they work as in any ES5 engine)
      regExpExec.call(EMPTY_MATCH, '');
      values = null;
      return clean;
    },
    isExit: function (thrown) {
      return thrown === EXIT;
    },
    // A script's function is evaluated once per context and run again for every run of its trigger there:
    // frozen, with its prototype object, so no run leaves anything on it (arguments.callee.x = ...) for the next.
    harden: function (f) {
      var prototype = getOwnPropertyDescriptor(f, 'prototype');
      if (prototype !== undefined && prototype.value !== null && typeof prototype.value === 'object') {
        freeze(prototype.value);
      }
      freeze(f);
    },
    // Null when `code` parses as one function body on its own (as the Function constructor parses it),
    // else the syntax error's message: a script that closes the function it is wrapped in is refused.
    checkBody: function (code) {
      try {
        new FunctionConstructor(code);
        return null;
      } catch (e) {
        return e instanceof Error ? e.name + ': ' + e.message : String(e);
      }
    }
  };
})
