// Search page enhancements: apply filters as soon as they change, and suggest titles while typing.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) { return; }
  document.documentElement.classList.add("js");

  // A filter applies as soon as it changes, which reloads the page; focus then returns to the
  // control the visitor changed, so keyboard users carry on where they were, not at the top.
  var FOCUS_KEY = "hub-search-focus";
  try {
    var remembered = window.sessionStorage.getItem(FOCUS_KEY);
    window.sessionStorage.removeItem(FOCUS_KEY);
    var control = remembered && document.getElementById(remembered);
    if (control && form.contains(control)) { control.focus(); }
  } catch (error) { /* storage blocked: focus stays where the browser puts it */ }

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches('input[type="checkbox"], select')) {
      var page = form.querySelector('input[name="page"]');
      if (page) { page.remove(); }
      if (target.id) {
        try { window.sessionStorage.setItem(FOCUS_KEY, target.id); } catch (error) { /* see above */ }
      }
      form.submit();
    }
  });

  var input = document.getElementById("q");
  var list = document.getElementById("q-suggestions");
  var url = form.getAttribute("data-autocomplete-url");
  if (!input || !list || !url || !window.fetch) { return; }
  var timer = null;
  var active = -1;

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function render(suggestions) {
    list.innerHTML = "";
    suggestions.forEach(function (item, index) {
      var li = document.createElement("li");
      li.id = "q-suggestion-" + index;
      li.setAttribute("role", "option");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      link.tabIndex = -1;
      li.appendChild(link);
      list.appendChild(li);
    });
    list.hidden = suggestions.length === 0;
    input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
  }

  function move(step) {
    var options = list.querySelectorAll('[role="option"]');
    if (!options.length) { return; }
    if (active >= 0) { options[active].removeAttribute("aria-selected"); }
    active = (active + step + options.length) % options.length;
    options[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[active].id);
  }

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-expanded", "false");
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var value = input.value.trim();
    if (value.length < 2) { close(); return; }
    timer = setTimeout(function () {
      fetch(url + "?q=" + encodeURIComponent(value), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { render(data.suggestions || []); })
        .catch(close);
    }, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) { return; }
    if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = list.querySelectorAll("a")[active].href;
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
