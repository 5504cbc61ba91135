// Glossary tooltips show on hover and focus with CSS alone; this lets Escape hide them
// (WCAG 1.4.13: content on hover or focus must be dismissible without moving away).
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".glossary-ref:hover, .glossary-ref:focus-within").forEach(function (ref) {
      ref.classList.add("is-dismissed");
    });
  });
  function reset(event) {
    var ref = event.target.closest && event.target.closest(".glossary-ref");
    if (ref && !ref.contains(event.relatedTarget)) ref.classList.remove("is-dismissed");
  }
  document.addEventListener("mouseout", reset);
  document.addEventListener("focusout", reset);
})();
