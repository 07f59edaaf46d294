// Small progressive enhancements; every page works without JavaScript.
// Buttons marked data-einmal are disabled after the first submit, so a double click sends one request
// (the server also refuses a second submission).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var button = event.submitter;
  if (!button || !button.hasAttribute("data-einmal")) return;
  if (form.dataset.gesendet) { event.preventDefault(); return; }
  form.dataset.gesendet = "1";
  // keep the clicked button's name/value in the request, then disable all of the form's buttons
  if (button.name) {
    var hidden = document.createElement("input");
    hidden.type = "hidden"; hidden.name = button.name; hidden.value = button.value;
    form.appendChild(hidden);
  }
  window.setTimeout(function () {
    form.querySelectorAll("button[data-einmal]").forEach(function (b) { b.disabled = true; b.setAttribute("aria-disabled", "true"); });
  }, 0);
});
