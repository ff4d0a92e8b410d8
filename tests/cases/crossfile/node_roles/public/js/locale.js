// A template the server renders into a script, shipped beside the
// browser code: stackfit's grammar cannot parse it, and browser code is
// not analysed, so the failure is not reported.
const locale = {% autoescape off %}{{ locale }}{% endautoescape %};
window.L.locale = locale;
