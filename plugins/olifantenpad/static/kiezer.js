// kiezer.js - search as you type for the system error of a new
// olifantenpad. Without JavaScript the form offers a plain select of all
// errors; with it, a search box above the select narrows the select to the
// errors whose title or rule holds what is typed, asked of
// GET /api/olifantenpad/systeemfouten?q=... (the errors this person may read).
(function () {
  "use strict";
  var box = document.getElementById("zoek-systeemfout");
  var select = document.getElementById("systeemfout");
  var status = document.getElementById("zoek-status");
  if (!box || !select || !window.fetch) return;

  var none = select.options.length ? select.options[0].text : "";
  var timer = null;
  var asked = 0;

  box.closest(".kiezer").hidden = false;

  function choose(part) {
    var radio = document.getElementById("keuze-" + part);
    if (radio) radio.checked = true;
  }

  function fill(hits) {
    var kept = select.value;
    while (select.options.length) select.remove(0);
    select.add(new Option(none, ""));
    hits.forEach(function (hit) {
      var label = hit.title + (hit.status_label ? " (" + hit.status_label + ")" : "");
      select.add(new Option(label, hit.path, false, hit.path === kept));
    });
    if (hits.length === 1) select.value = hits[0].path;
    status.textContent = hits.length
      ? box.dataset.hits.replace("%d", String(hits.length))
      : box.dataset.none;
  }

  function ask() {
    var mine = ++asked;
    var url = box.dataset.api + "?q=" + encodeURIComponent(box.value.trim());
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) { return res.ok ? res.json() : Promise.reject(res.status); })
      .then(function (hits) { if (mine === asked) fill(hits); })
      .catch(function () { /* the select still holds what it held */ });
  }

  box.addEventListener("input", function () {
    choose("bestaand");
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  box.addEventListener("keydown", function (e) {
    if (e.key === "Enter") { e.preventDefault(); clearTimeout(timer); ask(); }
  });
  select.addEventListener("change", function () { choose("bestaand"); });
  document.querySelectorAll("#deel-nieuw input, #deel-nieuw select, #deel-nieuw textarea")
    .forEach(function (el) {
      el.addEventListener("input", function () { choose("nieuw"); });
    });
})();
