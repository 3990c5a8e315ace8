{% load static %}// Brobygger's service worker for the outreach pages. Served by a view at /outreach/sw.js, so its
// scope is /outreach/ and it controls only the outreach pages. Everything it loads is vendored
// (scripts/vendor-frontend) and served by Brobygger itself: no CDN.
importScripts(
  "{% static 'vendor/workbox-core/workbox-core.prod.js' %}",
  "{% static 'vendor/workbox-routing/workbox-routing.prod.js' %}",
  "{% static 'vendor/workbox-strategies/workbox-strategies.prod.js' %}",
  "{% static 'vendor/idb/umd.js' %}",
  "{% static 'outreach/queue.js' %}"
);

var PAGES = "brobygger-outreach-pages";
var STATIC = "brobygger-outreach-static";
// The form pages kept for offline use: the contact form, the health room, a new activity.
var FORM_PAGE = /^\/outreach\/[^/]+\/(contact|health-room|activities\/new)\/$/;

self.skipWaiting();
workbox.core.clientsClaim();

// A page is kept only when the server says it is a blank form for the phone (X-Offline-Copy):
// never one showing a refusal, a message of the moment, or the sign-in page after a redirect.
var pages = new workbox.strategies.NetworkFirst({
  cacheName: PAGES,
  networkTimeoutSeconds: 4,
  // Django varies pages on Cookie and Accept-Language; the kept copy is for this phone's worker anyway.
  matchOptions: { ignoreVary: true },
  plugins: [{
    // One copy per form page, the latest, whatever the query (the home page's "?site="): offline.js
    // applies the query to the copy.
    cacheKeyWillBeUsed: function (args) {
      var u = new URL(args.request.url);
      u.search = "";
      return Promise.resolve(u.href);
    },
    cacheWillUpdate: function (args) {
      var r = args.response;
      return Promise.resolve(r && r.status === 200 && !r.redirected && r.headers.get("X-Offline-Copy") === "yes" ? r : null);
    }
  }]
});
var statics = new workbox.strategies.StaleWhileRevalidate({
  cacheName: STATIC,
  plugins: [{
    cacheWillUpdate: function (args) {
      var r = args.response;
      return Promise.resolve(r && r.status === 200 ? r : null);
    }
  }]
});

workbox.routing.registerRoute(function (o) {
  return o.request.mode === "navigate" && o.url.origin === self.location.origin && FORM_PAGE.test(o.url.pathname);
}, pages);
workbox.routing.registerRoute(function (o) {
  return o.url.origin === self.location.origin && o.url.pathname.indexOf("{% get_static_prefix %}") === 0;
}, statics);

// One at a time: gentle on a poor network and on the server (each page is a signed-in request).
function keep(event, strategy, cacheName, urls) {
  return caches.open(cacheName).then(function (cache) {
    return urls.reduce(function (chain, url) {
      var u = new URL(url, self.location.href);
      if (u.origin !== self.location.origin) { return chain; }
      return chain.then(function () {
        return cache.match(u.href, { ignoreVary: true });
      }).then(function (hit) {
        if (hit) { return null; }
        return strategy.handle({ event: event, request: new Request(u.href, { credentials: "same-origin" }) })
          .catch(function () { return null; });
      });
    }, Promise.resolve());
  });
}

function tellPages(message) {
  return self.clients.matchAll({ type: "window" }).then(function (clients) {
    clients.forEach(function (client) { client.postMessage(message); });
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "keep") {
    // A page asks to keep its project's form pages and the static files they use, so they open
    // with no network after this one online visit.
    var formPages = (data.pages || []).filter(function (p) { return FORM_PAGE.test(new URL(p, self.location.href).pathname); });
    var files = (data.statics || []).filter(function (p) { return new URL(p, self.location.href).pathname.indexOf("{% get_static_prefix %}") === 0; });
    event.waitUntil(keep(event, statics, STATIC, files).then(function () {
      return keep(event, pages, PAGES, formPages);
    }).then(function () {
      if (event.source) { event.source.postMessage({ type: "kept" }); }
    }));
  } else if (data.type === "forget-pages") {
    // Another worker signed in on this phone: their form pages replace the kept ones.
    event.waitUntil(caches.delete(PAGES).then(function () {
      if (event.source) { event.source.postMessage({ type: "forgotten" }); }
    }));
  }
});

// Background Sync (not in Safari: there the pages send the queue when they open or come online).
self.addEventListener("sync", function (event) {
  if (event.tag !== "outreach-queue") { return; }
  event.waitUntil(self.BrobyggerQueue.sendAll().then(function (result) {
    return tellPages({ type: "queue-changed", result: result });
  }));
});
