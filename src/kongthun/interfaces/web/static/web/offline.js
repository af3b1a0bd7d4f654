/* On every page: register the service worker (/sw.js, the whole site) and say when the connection is gone. */
(function () {
  "use strict";
  if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", {scope: "/"}).catch(function () { /* the app works without it */ });
    });
  }
  var banner = document.getElementById("offline-banner");
  if (!banner) return;
  function show() { banner.hidden = navigator.onLine; }
  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  show();
})();
