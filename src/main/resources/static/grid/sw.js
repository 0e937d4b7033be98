/*
 * The grid worker's service worker: keeps the phone pages (home, report form, visit form) and their assets so they
 * open without a signal. Pages are fetched from the network first and the copy is refreshed; only when the network
 * fails is the stored copy used. Posts are never touched: the outbox in the page sends them.
 */
var CACHE = 'minyi-grid-v1';
var SHELL = ['/grid', '/grid/report', '/grid/visit', '/grid/outbox.js', '/grid/grid.css', '/grid/icon.svg',
  '/grid/manifest.webmanifest'];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(SHELL); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') {
    return;
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || SHELL.indexOf(url.pathname) < 0) {
    return;
  }
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && !response.redirected) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(url.pathname, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(url.pathname).then(function (hit) {
      return hit || caches.match('/grid');
    });
  }));
});
