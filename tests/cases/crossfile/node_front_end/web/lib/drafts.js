// The front end's helpers: run in the browser.
export function loadDraft(name) {
  return window.localStorage.getItem(`draft:${name}`) || '';
}

export function saveDraft(name, text) {
  window.localStorage.setItem(`draft:${name}`, text);
}
