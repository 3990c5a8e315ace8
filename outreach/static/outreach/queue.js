// The phone's queue of outreach records, in IndexedDB (idb). Used by the outreach pages
// (offline.js) and by the service worker (sw.js, for Background Sync), so it is a classic script
// that works in both: it defines self.BrobyggerQueue.
//
// An entry: {id (crypto.randomUUID(), the record's id on the server too), user (the worker who
// saved it), project (slug), kind, url (the form page), fields ({name: [values]} as the form would
// post them), summary (time and site, for the list), savedAt, state ("waiting", "refused",
// "conflict"), errors}. Nothing else about anyone: the fields are the anonymous record itself.
(function (global) {
  "use strict";
  var DB_NAME = "brobygger-outreach";
  var STORE = "queue";
  var SYNC_URL = "/outreach/sync/";
  var BATCH = 50;  // outreach.sending.SYNC_BATCH
  var TIMEOUT_MS = 15000;
  var dbPromise = null;

  function db() {
    if (!dbPromise) {
      dbPromise = global.idb.openDB(DB_NAME, 1, {
        upgrade: function (database) {
          var store = database.createObjectStore(STORE, { keyPath: "id" });
          store.createIndex("user", "user");
        },
        // Sign-out deletes the database: let it, from any tab or the service worker.
        blocking: function () { forget(); },
        terminated: function () { dbPromise = null; }
      });
    }
    return dbPromise;
  }

  function forget() {
    if (dbPromise) { dbPromise.then(function (d) { d.close(); }); }
    dbPromise = null;
  }

  function put(entry) { return db().then(function (d) { return d.put(STORE, entry); }); }
  function get(id) { return db().then(function (d) { return d.get(STORE, id); }); }
  function remove(id) { return db().then(function (d) { return d.delete(STORE, id); }); }
  function all() { return db().then(function (d) { return d.getAll(STORE); }); }
  function ofUser(user) { return db().then(function (d) { return d.getAllFromIndex(STORE, "user", user); }); }

  function withTimeout(promise, ms) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error("timeout")); }, ms);
      promise.then(function (v) { clearTimeout(timer); resolve(v); },
                   function (e) { clearTimeout(timer); reject(e); });
    });
  }

  // Who is signed in now, and a CSRF token. {signin: true} when the session has ended (the
  // server then redirects to the sign-in page); a network failure rejects.
  function whoIsSignedIn() {
    return withTimeout(fetch(SYNC_URL, {
      credentials: "same-origin", redirect: "manual", cache: "no-store", headers: { Accept: "application/json" }
    }), TIMEOUT_MS).then(function (response) {
      if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
        return { signin: true };
      }
      if (!response.ok) { throw new Error("status " + response.status); }
      return response.json();
    });
  }

  function post(me, entries, immediate) {
    var items = entries.map(function (e) {
      return { id: e.id, kind: e.kind, project: e.project, user: e.user, fields: e.fields };
    });
    return withTimeout(fetch(SYNC_URL, {
      method: "POST", credentials: "same-origin", redirect: "manual", cache: "no-store",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": me.csrf },
      body: JSON.stringify({ items: items, immediate: !!immediate })
    }), TIMEOUT_MS).then(function (response) {
      if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
        return { signin: true };
      }
      if (!response.ok) { throw new Error("status " + response.status); }
      return response.json();
    });
  }

  // Apply the server's answer to the stored entries: sent ones leave the phone, refused ones
  // wait for the worker (fields refused for naming someone are blanked on the phone too).
  function settle(entries, results) {
    var byId = {};
    entries.forEach(function (e) { byId[e.id] = e; });
    var outcome = { sent: [], refused: [] };
    return results.reduce(function (chain, result) {
      var entry = byId[result.id];
      if (!entry) { return chain; }
      return chain.then(function () {
        if (result.status === 200 || result.status === 201) {
          outcome.sent.push(result);
          return remove(entry.id);
        }
        entry.state = result.status === 409 ? "conflict" : "refused";
        entry.errors = result.errors || [];
        (result.blank || []).forEach(function (name) { delete entry.fields[name]; });
        outcome.refused.push(result);
        return put(entry);
      });
    }, Promise.resolve()).then(function () { return outcome; });
  }

  function exclusive(run) {
    // One sender at a time across this phone's tabs and the service worker (the server would
    // store each record once anyway; this only saves requests).
    if (global.navigator && global.navigator.locks) {
      return global.navigator.locks.request("brobygger-outreach-send", run);
    }
    return run();
  }

  // Send the signed-in worker's waiting entries. Resolves {signin: true}, or
  // {sent: n, refused: n, user: id}; rejects when there is no network.
  function sendAll() {
    return exclusive(function () {
      return all().then(function (entries) {
        // Nothing to send: no request at all (a page load costs the server nothing extra).
        if (!entries.some(function (e) { return e.state === "waiting"; })) { return { sent: 0, refused: 0 }; }
        return sendWaiting();
      });
    });
  }

  function sendWaiting() {
    return whoIsSignedIn().then(function (me) {
      if (me.signin) { return me; }
      return ofUser(me.user).then(function (mine) {
        var waiting = mine.filter(function (e) { return e.state === "waiting"; });
        var total = { sent: 0, refused: 0, user: me.user };
        var batches = [];
        for (var i = 0; i < waiting.length; i += BATCH) { batches.push(waiting.slice(i, i + BATCH)); }
        // Two batches in flight: a long queue goes out faster, and the server handles them in parallel.
        function next() {
          var batch = batches.shift();
          if (!batch || total.signin) { return Promise.resolve(); }
          return post(me, batch, false).then(function (answer) {
            if (answer.signin) { total.signin = true; return null; }
            return settle(batch, answer.results).then(function (outcome) {
              total.sent += outcome.sent.length;
              total.refused += outcome.refused.length;
            });
          }).then(next);
        }
        var chain = Promise.all([next(), next()]);
        return chain.then(function () { return total.signin ? { signin: true } : total; });
      });
    });
  }

  // Send one entry at once (the worker tapped Save with a network). Resolves the server's
  // answer for it ({status, next, errors}) or {signin: true}; rejects when there is no network.
  function sendNow(entry) {
    return whoIsSignedIn().then(function (me) {
      if (me.signin) { return me; }
      if (me.user !== entry.user) { return { signin: true }; }
      return post(me, [entry], true).then(function (answer) {
        if (answer.signin) { return answer; }
        var result = answer.results[0];
        if (result.status === 200 || result.status === 201) {
          return remove(entry.id).then(function () { return result; });
        }
        return result;
      });
    });
  }

  global.BrobyggerQueue = {
    DB_NAME: DB_NAME, put: put, get: get, remove: remove, all: all, ofUser: ofUser,
    sendAll: sendAll, sendNow: sendNow, settle: settle, forget: forget
  };
})(self);
