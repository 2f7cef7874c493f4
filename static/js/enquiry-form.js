/* The enquiry form's token: the form page comes from the page cache, the same for everyone, so
   its signed form token (time shown, this rendering's key, the visit's campaign and utm_*) is
   fetched here from the site, which sets no cookie and keeps no copy. The page's campaign and
   utm_* parameters go along; the server cleans them. Without JavaScript the form is sent
   without a token and comes back filled in, with one, to be sent once more. */
(function () {
    "use strict";
    var NAMES = ["campaign", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];
    var visit = new URLSearchParams(window.location.search);
    document.querySelectorAll("form[data-token-url]").forEach(function (form) {
        var field = form.querySelector('input[name="form_token"]');
        if (!field || field.value) return;
        var query = new URLSearchParams();
        NAMES.forEach(function (name) {
            if (visit.get(name)) query.set(name, visit.get(name));
        });
        var url = form.dataset.tokenUrl + (query.toString() ? "?" + query.toString() : "");
        fetch(url, { credentials: "omit", headers: { Accept: "application/json" } })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (data) {
                if (data && data.token && !field.value) field.value = data.token;
            })
            .catch(function () { /* sent without a token: the form comes back with one */ });
    });
})();
