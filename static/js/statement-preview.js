// Live preview for the statement editor: re-renders on the server as the author types.
// Without this file the "Preview" button does the same with a full page load.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-statement-editor]");
  var target = document.getElementById("statement-preview");
  // Not a live region: a screen reader would read the whole statement after every pause.
  var status = document.getElementById("preview-status");
  if (!form || !target || !window.fetch) { return; }
  var body = form.querySelector("textarea[name=body]");
  var token = form.querySelector("input[name=csrf_token]");
  var timer = null;
  var latest = 0;

  function refresh() {
    var sent = ++latest;
    var data = new FormData();
    data.append("csrf_token", token ? token.value : "");
    data.append("body", body.value);
    fetch(form.getAttribute("data-preview-url"), {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "", "Accept": "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (result) {
      // The server sanitised this HTML with the same allow-list as the public page.
      if (result && sent === latest) {
        target.innerHTML = result.html;
        // A changed text is announced again, so the wording alternates by a full stop.
        if (status) { status.textContent = status.textContent === "Preview updated" ? "Preview updated." : "Preview updated"; }
      }
    }).catch(function () { /* the Preview button still works */ });
  }

  if (body) {
    body.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 700);
    });
  }
});
