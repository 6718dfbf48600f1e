// Smart Odoo dashboard: live updates over /api/ws. Pages are rendered on the server; on an
// update concerning this page we fetch the page again and swap <main>, unless the user is
// typing in a form there, in which case we only offer the refresh.
(function () {
  "use strict";
  var status = document.getElementById("live-status");
  if (!status) return; // sign-in page
  var page = document.body.getAttribute("data-page");
  var pending = 0, timer = null, delay = 500, socket = null;

  // Which topics matter to which page (all pages show run progress in the header).
  var interests = {
    "/": ["run", "proposal", "finding"], "/approvals": ["proposal"], "/bank": ["proposal", "finding"],
    "/dedup": ["proposal", "finding"], "/credit": ["proposal", "finding"], "/close": ["proposal", "finding", "run"],
    "/runs": ["run"], "/audit": ["proposal"]
  };

  function setState(s, text) { status.setAttribute("data-state", s); status.textContent = text; }

  function busy() {
    var main = document.getElementById("main");
    var a = document.activeElement;
    if (a && main.contains(a) && /INPUT|TEXTAREA|SELECT/.test(a.tagName)) return true;
    var typed = main.querySelectorAll("input[type=text], textarea");
    for (var i = 0; i < typed.length; i++) { if (typed[i].value !== typed[i].defaultValue) return true; }
    return false;
  }

  function refresh() {
    timer = null;
    if (busy()) { offer(); return; }
    fetch(location.href, { headers: { "X-Partial": "1" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.text(); })
      .then(function (html) {
        var main = document.getElementById("main");
        var t = document.createElement("template");
        t.innerHTML = html.trim();
        var fresh = t.content.querySelector("main");
        if (fresh) { main.replaceWith(fresh); bindReload(); }
        pending = 0;
      })
      .catch(function () { offer(); });
  }

  function offer() {
    var box = document.getElementById("updates");
    if (!box) return;
    box.hidden = false;
    box.querySelector("span").textContent = pending + " new update" + (pending === 1 ? "" : "s") + ".";
  }

  function bindReload() {
    var b = document.getElementById("reload");
    if (b) b.onclick = function () { pending = 0; location.reload(); };
  }

  function progress(d) {
    var bar = document.getElementById("progress");
    if (!bar) return;
    if (d.total && d.done < d.total) {
      bar.hidden = false;
      bar.innerHTML = "";
      var label = document.createElement("span");
      label.textContent = d.automation + " run " + d.id + ": " + d.done + " of " + d.total;
      var p = document.createElement("progress");
      p.max = d.total; p.value = d.done;
      p.setAttribute("aria-label", "progress of run " + d.id);
      bar.appendChild(label); bar.appendChild(p);
    } else if (d.status && d.status !== "running" && d.status !== "queued") {
      bar.hidden = true;
    }
  }

  function onMessage(ev) {
    var m;
    try { m = JSON.parse(ev.data); } catch (e) { return; }
    if (m.topic === "hello") return;
    if (m.topic === "run" && m.data) progress(m.data);
    var wanted = interests[page] || [];
    if (wanted.indexOf(m.topic) < 0) return;
    pending++;
    document.body.setAttribute("data-live-count", String((+document.body.getAttribute("data-live-count") || 0) + 1));
    if (!timer) timer = setTimeout(refresh, 250);
  }

  function connect() {
    var proto = location.protocol === "https:" ? "wss://" : "ws://";
    setState("connecting", "Live: connecting");
    socket = new WebSocket(proto + location.host + "/api/ws");
    socket.onopen = function () { delay = 500; setState("open", "Live"); };
    socket.onmessage = onMessage;
    socket.onclose = function () {
      setState("closed", "Live: reconnecting");
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000); // back off to 30 s while the server is away
    };
  }

  bindReload();
  connect();
})();
