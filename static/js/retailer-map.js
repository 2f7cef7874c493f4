/* Click-to-load maps on the retailers page. Nothing is loaded from openstreetmap.org until a
   visitor presses a shop's "show map" button; without JavaScript the buttons stay hidden and the
   ordinary OpenStreetMap links remain. */
(function () {
    "use strict";
    var buttons = document.querySelectorAll("button[data-map-src]");
    if (!buttons.length) return;
    var note = document.querySelector(".retailers__map-note");
    if (note) note.hidden = false;
    buttons.forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
            var frame = document.createElement("iframe");
            frame.src = button.getAttribute("data-map-src");
            frame.title = button.getAttribute("data-map-title");
            frame.className = "retailer__map";
            frame.width = "600";
            frame.height = "320";
            frame.setAttribute("tabindex", "-1");
            button.replaceWith(frame);
            frame.focus();
        });
    });
})();
