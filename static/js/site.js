// Small enhancements only; every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Focus goes to what the page has to say first: the error summary, else a message
  // (a flash after a reload, a check's result, a refreshed preview's heading). Links
  // and redirects that jump within a page point at these same elements, which take
  // focus from the jump too, so the two never pull focus different ways.
  // A table too wide for the screen scrolls inside its wrapper; the wrapper then takes
  // focus, named by the table's caption, so it can be scrolled with the arrow keys.
  Array.prototype.forEach.call(document.querySelectorAll(".table-wrap"), function (wrap) {
    var caption = wrap.querySelector("caption");
    if (wrap.scrollWidth <= wrap.clientWidth || wrap.hasAttribute("tabindex")) { return; }
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table");
  });

  var summary = document.querySelector("[data-error-summary]");
  var news = summary || document.querySelector("[data-focus-on-load]");
  if (news) { news.focus(); }
  if (!summary) { return; }
  // A summary link focuses its input, and scrolls so that the input's label or legend
  // shows above it (a plain jump would hide the question behind the top of the window).
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var input = link && document.getElementById(link.hash.slice(1));
    if (!input) { return; }
    event.preventDefault();
    var fieldset = input.closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    var label = document.querySelector("label[for='" + input.id + "']");
    (legend || label || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
});
