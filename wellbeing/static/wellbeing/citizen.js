// The citizen's pages: "leave quickly" and one submission. No storage of any kind.
//
// The whole visit stays on ONE history entry, so that "leave quickly" (which replaces that entry)
// leaves nothing behind for the Back button: links between the citizen's pages replace the page
// instead of adding to the history, a missing answer is shown without sending the form, and the
// answers are sent with fetch and the thank-you page replaces the questionnaire.
document.documentElement.classList.remove("no-js");
document.addEventListener("DOMContentLoaded", function () {
  function leave(url) {
    document.title = "";
    document.body.textContent = "";
    window.location.replace(url);
  }
  document.querySelectorAll("[data-leave-quickly]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      leave(link.href);
    });
  });
  // Language and accessibility statement: same site, same history entry.
  document.querySelectorAll("a[href]:not([data-leave-quickly])").forEach(function (link) {
    if (link.origin !== window.location.origin || link.getAttribute("href").charAt(0) === "#") { return; }
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
      event.preventDefault();
      window.location.replace(link.href);
    });
  });
  var summary = document.getElementById("error-summary");
  if (summary && !summary.hidden) { summary.focus(); }

  // Mark the statements without an answer the way the server would; true if all are answered.
  function checkAnswers(form) {
    var missing = 0;
    form.querySelectorAll("fieldset.who5-statement").forEach(function (fieldset) {
      var answered = fieldset.querySelector("input[type=radio]:checked") !== null;
      var message = document.getElementById(fieldset.id + "-error");
      var item = summary && summary.querySelector('[data-error-for="' + fieldset.id + '"]');
      fieldset.classList.toggle("form-error", !answered);
      if (answered) { fieldset.removeAttribute("aria-describedby"); }
      else { fieldset.setAttribute("aria-describedby", fieldset.id + "-error"); missing += 1; }
      if (message) { message.hidden = answered; }
      if (item) { item.hidden = answered; }
    });
    if (summary) {
      summary.hidden = missing === 0;
      if (missing) { summary.focus(); }
    }
    return missing === 0;
  }

  document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.dataset.sent || !checkAnswers(form)) { return; }
      // A second tap on "send" while the first is on its way sends nothing more.
      form.dataset.sent = "1";
      fetch(form.action || window.location.href, { method: "POST", body: new FormData(form), credentials: "omit" })
        .then(function (response) {
          // Answers saved: the thank-you page. Anything else (the link was used meanwhile, say):
          // the link's own page, which then says what happened. Both replace this entry.
          window.location.replace(response.redirected ? response.url : window.location.href);
        })
        .catch(function () {
          // No connection: let the browser send the form itself (it can show its own error page).
          delete form.dataset.sent;
          form.submit();
        });
    });
  });
});
