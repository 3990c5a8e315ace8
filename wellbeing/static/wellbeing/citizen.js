// The citizen's pages: "leave quickly" and one submission. No storage of any kind.
document.documentElement.classList.remove("no-js");
document.addEventListener("DOMContentLoaded", function () {
  // Leave quickly: replace this page in the history (Back does not return to it) and blank it at once.
  document.querySelectorAll("[data-leave-quickly]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      document.title = "";
      document.body.textContent = "";
      window.location.replace(link.href);
    });
  });
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  // A second tap on "send" while the first is on its way sends nothing more.
  document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
    });
  });
});
