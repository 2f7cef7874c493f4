/* The menu on phones: a disclosure behind the "Menü" button.

   Why a script that collapses the menu, and not <details>/<summary> or CSS alone: the page must
   work without JavaScript, and a menu hidden by CSS or a closed <details> would be unreachable if
   the script never ran (switched off, blocked, failed to load). So the HTML shows the menu open,
   as a wrapped list, and the button carries `hidden`. Only this script, once it runs, shows the
   button and adds `menu-js` to <html>; site.css then hides the menu on phones until the button
   opens it. A <summary> is no real button (no aria-expanded, Escape does nothing) and could not be
   left open on wide screens, where the menu is a plain bar and the button is hidden by CSS.

   Keyboard: Enter and Space press the button (it is a <button>); Escape closes the open menu
   from the button or from any entry in it, and puts the focus back on the button. */
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
