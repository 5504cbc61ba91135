// Shows the "not translated into your language yet" notice for the language the visitor came
// from (a page of another locale of this site) or, failing that, the first one the browser asks for.
(function () {
  "use strict";
  var notices = document.querySelectorAll("[data-untranslated-notice][hidden]");
  if (!notices.length) {
    return;
  }
  var wanted = [];
  try {
    var referrer = document.referrer ? new URL(document.referrer) : null;
    var match = referrer && referrer.origin === window.location.origin && referrer.pathname.match(/^\/([a-z]{2,3})(?:-[a-z]+)?\//i);
    if (match) {
      wanted.push(match[1].toLowerCase());
    }
  } catch (error) {
    // An unreadable referrer leaves the browser's languages to decide.
  }
  (navigator.languages || [navigator.language]).forEach(function (language) {
    if (language) {
      wanted.push(language.toLowerCase().split("-")[0]);
    }
  });
  var reading = document.documentElement.lang;
  for (var i = 0; i < wanted.length; i++) {
    if (wanted[i] === reading) {
      return;
    }
    var notice = document.querySelector('[data-untranslated-notice="' + wanted[i] + '"]');
    if (notice) {
      notice.hidden = false;
      return;
    }
  }
})();
