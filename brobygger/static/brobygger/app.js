// Brobygger's only script besides DKFDS and htmx: no inline script anywhere (CSP).
document.documentElement.classList.remove("no-js");
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    try { window.DKFDS.init(); } catch (e) { /* a page without DKFDS components */ }
  }
  // Move focus to the error summary so screen readers announce the problems first.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  // Signing out clears what the outreach pages keep on the phone (outreach/static/outreach/):
  // the queue of unsent records and the kept form pages. Records not yet sent are lost, so ask first.
  document.querySelectorAll("form[data-sign-out]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var unsent = 0;
      try { unsent = parseInt(localStorage.getItem("brobygger-outreach-entries") || "0", 10); } catch (e) { /* none */ }
      if (unsent > 0 && !window.confirm(form.getAttribute("data-unsent"))) { event.preventDefault(); return; }
      // Nothing unsent, or the worker agreed: the server may now have the browser clear the site's
      // storage too (Clear-Site-Data, signin/views.py); without this word it leaves the queue alone.
      if (!form.querySelector("input[name=clear_phone]")) {
        var agreed = document.createElement("input");
        agreed.type = "hidden";
        agreed.name = "clear_phone";
        agreed.value = "1";
        form.appendChild(agreed);
      }
      if (!window.indexedDB && !window.caches) { return; }
      event.preventDefault();
      var done = false;
      var submit = function () { if (!done) { done = true; form.submit(); } };
      var clearing = [];
      if (window.indexedDB) {
        clearing.push(new Promise(function (resolve) {
          var request = indexedDB.deleteDatabase("brobygger-outreach");
          request.onsuccess = request.onerror = request.onblocked = resolve;
        }));
      }
      if (window.caches) {
        clearing.push(caches.keys().then(function (names) {
          return Promise.all(names.filter(function (n) { return n.indexOf("brobygger-") === 0; })
            .map(function (n) { return caches.delete(n); }));
        }).catch(function () { /* nothing kept */ }));
      }
      try {
        localStorage.removeItem("brobygger-outreach-entries");
        localStorage.removeItem("brobygger-outreach-user");
        localStorage.setItem(SIGN_OUT_PENDING, "1");
      } catch (e) { /* private mode */ }
      Promise.all(clearing).then(submit, submit);
      setTimeout(submit, 1500);  // signing out never waits on the phone's storage for long
    });
  });
  finishPendingSignOut();
  // Buttons that ask before they act: data-confirm="question".
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});
// A sign-out with no network never reaches the server, and the session would live on for the
// next person to pick up the phone. So the sign-out leaves a note, and the first page that opens
// still signed in signs out again (asking again if anything unsent is on the phone); a page
// without the sign-out form is signed out, and drops the note.
var SIGN_OUT_PENDING = "brobygger-sign-out-pending";
function finishPendingSignOut() {
  var pending = null;
  try { pending = localStorage.getItem(SIGN_OUT_PENDING); } catch (e) { return; }
  if (!pending) { return; }
  var form = document.querySelector("form[data-sign-out]");
  try { localStorage.removeItem(SIGN_OUT_PENDING); } catch (e) { /* private mode */ }
  if (form) { form.querySelector("button").click(); }  // as the worker's tap: the question and the clearing
}
document.addEventListener("htmx:afterSwap", function (event) {
  var summary = event.target.querySelector && event.target.querySelector("#error-summary");
  if (summary) { summary.focus(); }
});
