// The HTML report's filter (report_html.c embeds this file). It shows the
// filter form, which the page hides for readers without scripts, and hides
// the findings that do not match: a rule, the severities ticked, a part of
// the path. The filter is kept in the address (?rule=JS101&path=src/
// &hide=hint) so that a filtered view can be shared. It fetches nothing:
// the page's Content-Security-Policy allows no request, and this script
// only by its hash, which the build computes.
(function () {
  var f = document.getElementById("filter");
  if (!f) return;
  var all = document.querySelectorAll("#findings .finding");
  var shown = document.getElementById("shown");
  f.hidden = false;
  function apply(save) {
    var rule = f.rule.value, path = f.path.value.trim().toLowerCase();
    var sev = {}, n = 0, q = new URLSearchParams();
    f.querySelectorAll("input[name=sev]").forEach(function (c) {
      sev[c.value] = c.checked;
      if (!c.checked) q.append("hide", c.value);
    });
    for (var i = 0; i < all.length; i++) {
      var d = all[i];
      var ok = (!rule || d.dataset.rule === rule) && sev[d.dataset.sev] &&
        (!path || d.dataset.path.toLowerCase().indexOf(path) >= 0);
      d.hidden = !ok;
      if (ok) n++;
    }
    shown.textContent = n === all.length ? "all " + n : n + " of " + all.length;
    if (rule) q.set("rule", rule);
    if (path) q.set("path", f.path.value.trim());
    if (save) {
      var s = q.toString();
      history.replaceState(null, "", (s ? "?" + s : location.pathname) + location.hash);
    }
  }
  var p = new URLSearchParams(location.search);
  if (p.get("rule")) f.rule.value = p.get("rule");
  if (p.get("path")) f.path.value = p.get("path");
  p.getAll("hide").forEach(function (s) {
    f.querySelectorAll("input[name=sev]").forEach(function (c) {
      if (c.value === s) c.checked = false;
    });
  });
  f.addEventListener("input", function () { apply(true); });
  f.addEventListener("change", function () { apply(true); });
  f.addEventListener("submit", function (e) { e.preventDefault(); });
  // A link to a finding (#d12) opens it, even when filtered out.
  function reveal() {
    var t = location.hash && document.getElementById(location.hash.slice(1));
    if (t && t.tagName === "DETAILS") { t.hidden = false; t.open = true; }
  }
  window.addEventListener("hashchange", reveal);
  apply(false);
  reveal();
})();
