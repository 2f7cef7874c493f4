/* Campaign links: the page is the same for every visitor (it comes from the page cache), so the
   `utm_*` parameters of the visit are added here, from the address bar, to the links marked
   `data-utm` (a campaign page's buttons to the enquiry form). The form page passes them on to
   its token (enquiry-form.js); the server cleans them. Without JavaScript the links keep the
   campaign code only. */
(function () {
    "use strict";
    var NAMES = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];
    var visit = new URLSearchParams(window.location.search);
    var found = NAMES.filter(function (name) { return visit.get(name); });
    if (!found.length) return;
    document.querySelectorAll("a[data-utm]").forEach(function (link) {
        var url = new URL(link.href, window.location.href);
        if (url.origin !== window.location.origin) return;
        found.forEach(function (name) { url.searchParams.set(name, visit.get(name)); });
        link.href = url.pathname + url.search + url.hash;
    });
})();
