// Brobygger's only script besides DKFDS and htmx: no inline script anywhere (CSP).
document.documentElement.classList.remove("no-js");
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    try { window.DKFDS.init(); } catch (e) { /* a page without DKFDS components */ }
  }
  // Move focus to the error summary so screen readers announce the problems first.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  // Buttons that ask before they act: data-confirm="question".
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});
document.addEventListener("htmx:afterSwap", function (event) {
  var summary = event.target.querySelector && event.target.querySelector("#error-summary");
  if (summary) { summary.focus(); }
});
