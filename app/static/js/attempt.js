/* Taking a test: autosave answers as the learner goes, count down to the deadline, submit once. */
(function () {
  "use strict";
  var form = document.getElementById("attempt-form");
  if (!form) { return; }
  var status = form.querySelector("[data-autosave-status]");
  var url = form.getAttribute("data-autosave-url");
  var submitButton = form.querySelector("[data-submit-attempt]");
  var timer = null;
  var submitting = false;

  function say(text) { if (status && text) { status.textContent = text; } }

  function save() {
    timer = null;
    return fetch(url, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (r) {
      return r.json().then(function (body) {
        say(body.message);
        if (body.closed) { window.location.reload(); }
      });
    }).catch(function () { /* offline: the next change or the submit button saves again */ });
  }

  function later(delay) {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, delay);
  }

  form.addEventListener("change", function () { later(200); });
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA" || event.target.type === "text") { later(1000); }
  });

  if (submitButton) {
    submitButton.addEventListener("click", function (event) {
      if (submitting) { event.preventDefault(); return; }
      if (!window.confirm(submitButton.getAttribute("data-confirm-text"))) { event.preventDefault(); return; }
      submitting = true;
    });
  }

  var clock = document.querySelector("[data-deadline]");
  if (clock) {
    var deadline = Date.parse(clock.getAttribute("data-deadline"));
    var tick = function () {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      var minutes = Math.floor(left / 60);
      var seconds = left % 60;
      clock.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      if (left === 0) {
        clock.textContent = clock.getAttribute("data-expired-text");
        if (!submitting && submitButton) {
          submitting = true;
          form.action = submitButton.getAttribute("formaction");
          form.submit();
        }
        return;
      }
      window.setTimeout(tick, 1000);
    };
    tick();
  }
})();
