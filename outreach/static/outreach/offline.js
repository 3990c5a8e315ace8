// The outreach forms on a phone with a poor network. Every Save goes into the phone's queue
// (queue.js) first, with an id made here and the time it happened; with a network it is sent at
// once, without one it waits and the page says so. The queue is sent when the page opens, when
// the network comes back, when the page is shown again, and by Background Sync where the browser
// has it (not Safari). The service worker (sw.js) keeps the form pages for use without a network.
(function () {
  "use strict";
  var panel = document.getElementById("offline-status");
  var form = document.querySelector("form[data-offline-kind]");
  var Queue = window.BrobyggerQueue;
  if (!panel || !form || !Queue || !window.indexedDB || !window.crypto || !window.crypto.randomUUID) {
    return;  // Without these the form posts to the server as it always did.
  }
  var cfg = panel.dataset;
  var user = parseInt(cfg.user, 10);
  var kind = cfg.kind;
  var fixing = null;  // the refused entry being fixed in the form
  var atInput = form.querySelector("input[name=at], input[name=date]");
  var autoTime = null;

  function $(id) { return document.getElementById(id); }
  function fill(text, n) { return text.replace("{n}", String(n)); }
  function show(id, text) {
    var el = $(id);
    if (text === null) { el.hidden = true; return; }
    el.textContent = text;
    el.hidden = false;
  }

  // The time shown in a fresh form is now; if the worker leaves it, Save records the moment of the tap.
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function nowValue() {
    var d = new Date();
    var day = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
    return atInput && atInput.type === "date" ? day : day + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }
  function freshTime() {
    if (atInput && form.hasAttribute("data-fresh")) { autoTime = atInput.value = nowValue(); }
  }

  // The site tapped on the home page (?site=): the server applies it to the page it sends, but the
  // phone's kept copy (one per form page, whatever the query) is the same page for every site.
  // Made the form's default too, so that the next contact after a save starts at that site.
  function chosenSite() {
    var chosen = new URLSearchParams(location.search).get("site");
    var sites = form.querySelectorAll("input[name=site]");
    var match = Array.prototype.filter.call(sites, function (r) { return r.value === chosen; });
    if (!match.length || !form.hasAttribute("data-fresh")) { return; }
    Array.prototype.forEach.call(sites, function (r) { r.defaultChecked = r.checked = r === match[0]; });
  }

  // After a save the next contact starts at the same site: online the server remembers the site of
  // the worker's last contact today; saved on the phone, the page remembers it the same way.
  function rememberSite() {
    var site = form.querySelector("input[name=site]:checked");
    if (!site) { return; }
    Array.prototype.forEach.call(form.querySelectorAll("input[name=site]"), function (r) { r.defaultChecked = r === site; });
  }

  function fieldsOf() {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "client_id" || typeof value !== "string") { return; }
      (fields[name] = fields[name] || []).push(value);
    });
    return fields;
  }

  function summaryOf() {
    var parts = [];
    if (atInput && atInput.value) { parts.push(atInput.value.replace("T", " ")); }
    parts.push(cfg.kindLabel);
    var site = form.querySelector("input[name=site]:checked");
    var label = site && form.querySelector("label[for='" + site.id + "']");
    if (label) { parts.push(label.textContent.trim()); }
    return parts.join(" · ");
  }

  function fillForm(fields) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "client_id" || el.type === "submit") { return; }
      var values = fields[el.name] || [];
      if (el.type === "checkbox" || el.type === "radio") { el.checked = values.indexOf(el.value) !== -1; }
      else { el.value = values.length ? values[0] : ""; }
    });
  }

  // What the page shows: how many of this worker's records wait, and any the server refused.
  function refresh() {
    return Queue.all().then(function (entries) {
      var mine = entries.filter(function (e) { return e.user === user; });
      var waiting = mine.filter(function (e) { return e.state === "waiting"; }).length;
      var others = entries.length - mine.length;
      try { localStorage.setItem("brobygger-outreach-entries", String(entries.length)); } catch (e) { /* private mode */ }
      show("offline-count", waiting === 0 ? cfg.msgNone : waiting === 1 ? cfg.msgOne : fill(cfg.msgMany, waiting));
      $("offline-count").setAttribute("data-waiting", String(waiting));
      show("offline-others", others ? fill(cfg.msgOthers, others) : null);
      var problems = mine.filter(function (e) { return e.state !== "waiting"; });
      var list = $("offline-problem-list");
      list.textContent = "";
      problems.forEach(function (entry) { list.appendChild(problemItem(entry)); });
      $("offline-problems").hidden = problems.length === 0;
    });
  }

  function problemItem(entry) {
    var li = document.createElement("li");
    li.className = "offline-problem";
    var title = document.createElement("p");
    title.className = "weight-semibold";
    title.textContent = entry.summary;
    li.appendChild(title);
    (entry.errors || []).forEach(function (error) {
      var p = document.createElement("p");
      p.className = "offline-problem-error";
      p.textContent = (error.label ? error.label + ": " : "") + error.message;
      li.appendChild(p);
    });
    var fix = document.createElement(entry.kind === kind ? "button" : "a");
    fix.className = "button button-secondary";
    fix.textContent = cfg.msgFix;
    if (entry.kind === kind) {
      fix.type = "button";
      fix.addEventListener("click", function () { startFix(entry); });
    } else {
      fix.href = entry.url + "#fix-" + entry.id;
    }
    var drop = document.createElement("button");
    drop.type = "button";
    drop.className = "button button-tertiary";
    drop.textContent = cfg.msgDelete;
    drop.addEventListener("click", function () {
      if (window.confirm(cfg.msgConfirmDelete)) { Queue.remove(entry.id).then(refresh); }
    });
    li.appendChild(fix);
    li.appendChild(drop);
    return li;
  }

  function startFix(entry) {
    fixing = entry;
    fillForm(entry.fields);
    autoTime = null;
    show("offline-saved", cfg.msgFixing);
    form.scrollIntoView();
  }

  function send() {
    if (!navigator.onLine) { return Promise.resolve(); }
    return Queue.sendAll().then(function (result) {
      $("offline-signin").hidden = !result.signin;
      if (result.sent) { show("offline-saved", fill(cfg.msgSent, result.sent)); }
    }, function () { /* no network after all: the queue waits */ }).then(refresh);
  }

  function askForBackgroundSync() {
    if (!navigator.serviceWorker) { return; }
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) { return registration.sync.register("outreach-queue"); }
      return null;
    }).catch(function () { /* no Background Sync: page load, online and visibility send it */ });
  }

  function savedOnPhone() {
    performance.mark("outreach-saved-on-phone");
    show("offline-saved", cfg.msgSaved);
    if (!fixing) { rememberSite(); }  // a fixed record may be from another day and place
    form.reset();
    fixing = null;
    freshTime();
    askForBackgroundSync();
    return refresh();
  }

  form.addEventListener("submit", function (event) {
    if (form.hasAttribute("data-send-to-server")) { return; }  // the fallback below: the server shows the refusal
    event.preventDefault();
    performance.mark("outreach-save-start");
    var courses = form.querySelector("[name=course_codes]");
    if (courses && courses.value.trim() && !navigator.onLine) {
      show("offline-saved", cfg.msgCourses);
      return;
    }
    if (atInput && autoTime !== null && atInput.value === autoTime) { atInput.value = nowValue(); }
    var entry = {
      // A refused record keeps its id when fixed (nothing was stored with it); a conflict gets a new one.
      id: fixing && fixing.state === "refused" ? fixing.id : crypto.randomUUID(),
      user: user, project: cfg.project, kind: kind, url: location.pathname, fields: fieldsOf(),
      summary: summaryOf(), savedAt: new Date().toISOString(), state: "waiting", errors: []
    };
    var replaced = fixing && fixing.id !== entry.id ? Queue.remove(fixing.id) : Promise.resolve();
    replaced.then(function () { return Queue.put(entry); }).then(function () {
      if (!navigator.onLine) { return savedOnPhone(); }
      return Queue.sendNow(entry).then(function (result) {
        if (result.signin) {
          $("offline-signin").hidden = false;
          return savedOnPhone();
        }
        if (result.status === 200 || result.status === 201) {
          location.assign(result.next);
          return null;
        }
        if (result.status === 409) {
          return Queue.settle([entry], [result]).then(savedOnPhone);
        }
        // Refused: nothing was stored. The page's own form shows why, field by field.
        return Queue.remove(entry.id).then(function () {
          form.querySelector("[name=client_id]").value = entry.id;
          form.setAttribute("data-send-to-server", "");
          form.submit();
        });
      }, savedOnPhone);
    }).catch(function () {
      // IndexedDB refused (storage full or blocked): let the server take it the old way.
      form.setAttribute("data-send-to-server", "");
      form.submit();
    });
  });

  // Card codes are checked by the server: with no network, they are checked when sent.
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (!navigator.onLine && event.target && event.target.name === "card_code") {
      event.preventDefault();
      var check = $("card-check");
      if (check) { check.textContent = event.target.value.trim() ? cfg.msgCardLater : ""; }
    }
  });
  document.body.addEventListener("htmx:sendError", function (event) {
    var check = $("card-check");
    if (check && event.target && event.target.name === "card_code") { check.textContent = cfg.msgCardLater; }
  });

  // The service worker keeps the project's form pages and the files this page uses.
  function keepForOffline() {
    if (!navigator.serviceWorker) { return; }
    navigator.serviceWorker.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.type === "kept") {
        document.documentElement.setAttribute("data-offline-ready", "");
        $("offline-ready").hidden = false;
      } else if (data.type === "queue-changed") {
        refresh();
      }
    });
    navigator.serviceWorker.register(cfg.sw).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      var statics = Array.prototype.map.call(
        document.querySelectorAll("link[rel=stylesheet][href], script[src]"),
        function (el) { return el.href || el.src; }
      ).concat(performance.getEntriesByType("resource").map(function (r) { return r.name; }));
      var message = { type: "keep", pages: cfg.pages.split(" "), statics: statics };
      // A page copy kept for another worker on this phone is dropped first.
      var last = null;
      try { last = localStorage.getItem("brobygger-outreach-user"); } catch (e) { /* private mode */ }
      if (last !== null && last !== String(user)) { registration.active.postMessage({ type: "forget-pages" }); }
      try { localStorage.setItem("brobygger-outreach-user", String(user)); } catch (e) { /* private mode */ }
      registration.active.postMessage(message);
    }).catch(function () { /* no service worker (private mode, old browser): works online only */ });
  }

  panel.hidden = false;
  chosenSite();
  freshTime();
  var fixId = location.hash.indexOf("#fix-") === 0 ? location.hash.slice(5) : null;
  refresh().then(function () {
    if (fixId) { return Queue.get(fixId).then(function (entry) { if (entry && entry.user === user) { startFix(entry); } }); }
    return null;
  }).then(send);
  keepForOffline();
  window.addEventListener("online", send);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { send(); }
  });
})();
