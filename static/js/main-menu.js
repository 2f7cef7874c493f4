/* The menu on phones: a disclosure behind the "Menü" button (the button's look and when it shows
   are in site.css, "Phone menu").

   Why a <button> that this script wires up, and not <details>/<summary>: a <summary> is no real
   button (no aria-expanded, Escape does nothing), and a closed <details> could not be shown as the
   plain bar of wide screens. Without JavaScript the page has no button and the menu is an open,
   wrapped list: site.css hides the list only where scripting is on (and, in browsers that do not
   know the `scripting` media feature, once this script has added `menu-js` to <html>).

   Keyboard: Enter and Space press the button (a <button> does that by itself); Escape closes the
   open menu, from the button or from any entry in it, and puts the focus back on the button. */
(function () {
    "use strict";
    var button = document.querySelector(".menu-button[aria-controls]");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return;

    function isOpen() {
        return button.getAttribute("aria-expanded") === "true";
    }

    function setOpen(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        menu.classList.toggle("main-nav--open", open);
    }

    button.addEventListener("click", function () {
        setOpen(!isOpen());
    });

    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" || !isOpen() || !button.getClientRects().length) return;
        var focused = document.activeElement;
        if (focused !== button && !menu.contains(focused)) return;
        setOpen(false);
        button.focus();
    });

    button.hidden = false;
    document.documentElement.classList.add("menu-js");
})();
