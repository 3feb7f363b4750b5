// gridrules pages: the only script. Print buttons, and the application form's checks as one types.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  var form = document.querySelector("form[data-check-url]");
  if (!form) { return; }
  var out = document.getElementById("live-check");
  var timer = null, sent = 0;
  function check() {
    var mine = ++sent;
    var body = new URLSearchParams(new FormData(form));
    fetch(form.getAttribute("data-check-url"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: {"X-CSRF-Token": form.querySelector("input[name=csrf]").value}
    }).then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { if (mine === sent) { out.innerHTML = html; } })
      .catch(function () { if (mine === sent) { out.textContent = "暂时无法检查，提交时仍会审查。"; } });
  }
  function later() { clearTimeout(timer); timer = setTimeout(check, 400); }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  check();
}());
