{% autoescape off %}/* kongthun's service worker (served at /sw.js, scope /). Pages: from the network, a copy kept for when the
   connection drops (the collection screen, the member list). Static files: from the cache, refreshed behind.
   Never touches POSTs: payments typed offline wait in the page's own queue (web/collection-queue.js). */
"use strict";
const VERSION = "{{ version }}";
const ASSETS = {{ assets }};
const STATIC = "kongthun-static-" + VERSION;
const PAGES = "kongthun-pages";
const MAX_PAGES = 40;
const SKIP = ["/admin/", "/login/", "/logout/", "/i18n/", "/sw.js"];

self.addEventListener("install", (event) => {
  // One missing file (say, Chart.js not installed) must not stop the rest from being kept.
  event.waitUntil(caches.open(STATIC)
    .then((c) => Promise.all(ASSETS.map((a) => c.add(a).catch(() => null))))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith("kongthun-static-") && k !== STATIC)
      .map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.method === "POST" && url.pathname === "/logout/") {
    event.waitUntil(caches.delete(PAGES));  // a shared phone or PC: the next person sees none of it
    return;
  }
  if (req.method !== "GET") return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(staticFile(event, req));
  } else if (req.mode === "navigate" && !SKIP.some((p) => url.pathname.startsWith(p))) {
    event.respondWith(page(req));
  }
});

async function staticFile(event, req) {
  const hit = await caches.match(req, {ignoreVary: true});
  const fresh = fetch(req).then(async (res) => {
    if (res.ok) { const c = await caches.open(STATIC); await c.put(req, res.clone()); }
    return res;
  });
  if (hit) { event.waitUntil(fresh.catch(() => null)); return hit; }
  return fresh;
}

async function page(req) {
  try {
    const res = await fetch(req);
    const path = new URL(res.url || req.url).pathname;
    if (path.startsWith("/login/")) {
      await caches.delete(PAGES);  // logged out (or the session ended): forget the pages kept
    } else if (res.ok && (res.headers.get("Content-Type") || "").startsWith("text/html")) {
      const copy = res.clone();
      const cache = await caches.open(PAGES);
      await cache.put(req.url, copy);
      await trim(cache);
    }
    return res;
  } catch (err) {
    const cache = await caches.open(PAGES);
    const hit = await cache.match(req.url, {ignoreVary: true})
      || await cache.match(req.url, {ignoreVary: true, ignoreSearch: true});
    return hit || offlinePage();
  }
}

async function trim(cache) {
  const keys = await cache.keys();
  for (let i = 0; i < keys.length - MAX_PAGES; i++) await cache.delete(keys[i]);
}

function offlinePage() {
  const html = '<!doctype html><html lang="th"><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>ออฟไลน์ · Offline</title>' +
    '<body style="font-family:sans-serif;padding:1rem;line-height:1.6"><h1>ไม่มีสัญญาณ</h1>' +
    "<p>หน้านี้ยังไม่เคยเปิดไว้ในเครื่องนี้ จึงดูตอนออฟไลน์ไม่ได้ หน้าที่เคยเปิด เช่น หน้าบันทึกเงินสมทบและรายชื่อสมาชิก ยังเปิดได้</p>" +
    '<p lang="en">Offline: this page was not opened on this device before. Pages you opened ' +
    "(the collection screen, the member list) still work.</p>" +
    '<p><a href="javascript:history.back()">กลับ / Back</a></p></body></html>';
  return new Response(html, {status: 503, headers: {"Content-Type": "text/html; charset=utf-8"}});
}
{% endautoescape %}
