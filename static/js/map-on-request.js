/* Maps on request: a map block shows a button that loads OpenStreetMap's embedded map only when
   the visitor presses it. Before that nothing is requested from another host; without
   JavaScript the block is a link to openstreetmap.org. */
(function () {
    "use strict";
    document.querySelectorAll("[data-map-embed]").forEach(function (map) {
        var button = map.querySelector(".map__load");
        if (!button || map.dataset.mapReady) return;
        map.dataset.mapReady = "1";
        button.hidden = false;
        button.addEventListener("click", function () {
            var frame = document.createElement("iframe");
            frame.src = map.dataset.mapEmbed;
            frame.title = map.dataset.mapTitle;
            frame.className = "map__frame";
            frame.loading = "lazy";
            frame.referrerPolicy = "no-referrer";
            frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups");
            map.insertBefore(frame, map.firstChild);
            button.remove();
            frame.focus();
        });
    });
})();
