/* The collection day without a connection (เก็บเงินสมทบตอนไม่มีสัญญาณ).
   Offline, saving the sheet keeps each member's payment on this device (localStorage), each with its own
   idempotency key; when the connection returns they are sent one by one to the sync endpoint, which
   records each once (a retry with the same key gets the same receipt). The list under the sheet says
   what is waiting, what was recorded (with its receipt) and what was refused and why. */
(function () {
  "use strict";
  var form = document.getElementById("collection");
  var box = document.getElementById("queue");
  if (!form || !box || !window.localStorage || !window.fetch) return;
  var words = box.dataset;  // the page's language, from the template
  var english = (document.documentElement.lang || "th").slice(0, 2) === "en";
  var store = "kongthun.queue." + form.dataset.user + "." + form.dataset.org;
  var period = parseInt(form.dataset.period, 10) || 0;
  var rows = document.getElementById("queue-rows");
  var summary = document.getElementById("queue-state");
  var syncing = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(store)) || []; } catch (e) { return []; }
  }
  function save(list) { localStorage.setItem(store, JSON.stringify(list)); }
  function newKey() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return "offline-" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function digits(v) { return v.replace(/[๐-๙]/g, function (c) { return String(c.charCodeAt(0) - 0x0E50); }).trim(); }
  function baht(satang) {
    return (satang / 100).toLocaleString("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2}) + " " + words.unit;
  }
  function cell(tr, text, cls) {
    var td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }

  function stateCell(tr, item) {
    var td = cell(tr, "", "wrap");
    var tag = document.createElement("strong");
    td.appendChild(tag);
    if (item.state === "synced") {
      tag.textContent = words.synced + " ";
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.receipt;
      td.appendChild(a);
    } else if (item.state === "refused") {
      tag.textContent = words.refused + ": ";
      var why = document.createElement("span");
      why.className = "reason";
      why.lang = english ? "en" : "th";
      why.textContent = english ? item.message_en : item.message_th;
      td.appendChild(why);
    } else {
      tag.textContent = words.queued;
      if (item.problem) td.appendChild(document.createTextNode(" (" + item.problem + ")"));
    }
  }

  function render() {
    var list = load();
    box.hidden = list.length === 0;
    rows.textContent = "";
    var sums = {queued: [0, 0], synced: [0, 0], refused: [0, 0]};
    list.forEach(function (item) {
      var tr = document.createElement("tr");
      tr.dataset.state = item.state;
      tr.dataset.key = item.key;
      cell(tr, item.member_no, "nowrap");
      cell(tr, item.name + " · " + item.periods + " " + words.periods, "wrap");
      cell(tr, baht(item.amount), "num nowrap");
      stateCell(tr, item);
      rows.appendChild(tr);
      sums[item.state][0] += 1;
      sums[item.state][1] += item.amount;
    });
    summary.textContent = words.queued + " " + sums.queued[0] + " (" + baht(sums.queued[1]) + ") · " +
      words.synced + " " + sums.synced[0] + " (" + baht(sums.synced[1]) + ") · " + words.refused + " " + sums.refused[0];
    document.getElementById("queue-send").disabled = sums.queued[0] === 0 || !navigator.onLine;
  }

  function keep(event) {
    if (navigator.onLine) return;  // online, the sheet posts the day as before
    event.preventDefault();
    var picked = [], bad = null;
    form.querySelectorAll("input.periods").forEach(function (input) {
      var v = digits(input.value);
      input.removeAttribute("aria-invalid");
      if (v === "" || /^0+$/.test(v)) return;
      if (!/^[0-9]+$/.test(v)) { input.setAttribute("aria-invalid", "true"); bad = bad || input; return; }
      picked.push([input, parseInt(v, 10)]);
    });
    var note = document.getElementById("queue-note");
    if (bad) { note.textContent = words.whole + " " + bad.dataset.no; bad.focus(); return; }
    if (!picked.length) { note.textContent = words.nothing; return; }
    var list = load(), day = form.querySelector("[name=date]").value;
    picked.forEach(function (p) {
      list.push({key: newKey(), date: day, membership_id: parseInt(p[0].dataset.member, 10), member_no: p[0].dataset.no,
                 name: p[0].dataset.name, periods: p[1], amount: p[1] * period, state: "queued"});
      p[0].value = "";
    });
    save(list);
    note.textContent = words.kept.replace("{n}", String(picked.length));
    form.dispatchEvent(new Event("input"));  // the running total starts again at zero
    render();
    picked[0][0].focus();
  }

  function csrfToken() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : form.querySelector("[name=csrfmiddlewaretoken]").value;
  }

  function settle(key, res, data) {
    var list = load(), item = list.filter(function (x) { return x.key === key; })[0];
    if (!item) return true;
    var stop = false;
    if (res.ok && data && data.ok) {
      item.state = "synced";
      item.receipt = data.receipt.number;
      item.url = data.receipt.url;
      item.amount = data.receipt.amount;
      delete item.problem;
    } else if (data && data.code && res.status !== 401) {
      item.state = "refused";
      item.message_th = data.message_th;
      item.message_en = data.message_en;
    } else {  // not logged in, or the page's token is stale: keep it, say what to do
      item.problem = res.status === 401 || res.status === 403 ? words.login : words.retry;
      stop = true;
    }
    save(list);
    if (!stop) document.getElementById("queue-note").textContent = "";  // "kept on this device" is over
    render();
    return !stop;
  }

  async function sync() {
    if (syncing || !navigator.onLine) return;
    syncing = true;
    try {
      for (;;) {
        var next = load().filter(function (x) { return x.state === "queued"; })[0];
        if (!next) break;
        var res, data = null;
        try {
          res = await fetch(form.dataset.sync, {
            method: "POST", credentials: "same-origin",
            headers: {"Content-Type": "application/json", "Idempotency-Key": next.key, "X-CSRFToken": csrfToken()},
            body: JSON.stringify({date: next.date, membership_id: next.membership_id, periods: next.periods})
          });
        } catch (e) { break; }  // still no connection: it stays queued, with the same key
        try { data = await res.json(); } catch (e) { data = null; }
        if (!settle(next.key, res, data)) break;
      }
    } finally {
      syncing = false;
      render();
    }
  }

  form.addEventListener("submit", keep);
  document.getElementById("queue-send").addEventListener("click", sync);
  document.getElementById("queue-clear").addEventListener("click", function () {
    save(load().filter(function (x) { return x.state === "queued"; }));
    render();
  });
  window.addEventListener("online", function () { render(); sync(); });
  window.addEventListener("offline", render);
  window.setInterval(sync, 30000);  // a connection that comes and goes without telling
  render();
  sync();
})();
