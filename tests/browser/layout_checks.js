// Layout findings of the page as rendered now (tests/browser/test_layout_checks.py).
// Returns {overflow: [...], brokenWords: [...]}: elements that stick out of the viewport when the
// document is wider than it, and heading or card title lines that end inside a word without a
// hyphen. Line ends are measured, not guessed: each character's box comes from a Range, and a
// line ends where the next character's box starts lower.
(selector) => {
    const viewport = document.documentElement.clientWidth;
    const describe = (el) => {
        let name = el.tagName.toLowerCase();
        if (el.id) name += `#${el.id}`;
        if (typeof el.className === "string" && el.className.trim()) {
            name += "." + el.className.trim().split(/\s+/).join(".");
        }
        const text = (el.textContent || "").replace(/\u00ad/g, "").replace(/\s+/g, " ").trim().slice(0, 60);
        return text ? `${name} "${text}"` : name;
    };
    const visible = (el) => {
        const style = getComputedStyle(el);
        return style.display !== "none" && style.visibility !== "hidden" && el.getClientRects().length > 0;
    };

    // Inside a box that scrolls or clips its content, an element does not widen the page.
    const contained = (el) => {
        for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== "visible") return true;
        }
        return false;
    };

    // (a) Horizontal overflow: the document wider than the viewport. Named are the innermost
    // visible elements reaching past the right edge (the cause, rather than all their parents).
    const overflow = [];
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > viewport) {
        const sticking = [...document.body.querySelectorAll("*")].filter(
            (el) => visible(el) && el.getBoundingClientRect().right > viewport + 0.5 && !contained(el)
        );
        const innermost = sticking.filter((el) => !sticking.some((other) => other !== el && el.contains(other)));
        overflow.push(
            `document is ${scrollWidth}px wide in a ${viewport}px viewport`,
            ...innermost.slice(0, 5).map((el) => `${describe(el)} reaches ${Math.round(el.getBoundingClientRect().right)}px`)
        );
    }

    // (b) Words broken without a hyphen in headings and card titles.
    const wordChar = /[\p{L}\p{N}]/u;
    const hyphens = new Set(["\u00ad", "-", "\u2010", "\u2011"]);
    const brokenWords = [];
    for (const el of document.querySelectorAll(selector)) {
        if (!visible(el) || el.closest("[hidden], .visually-hidden")) continue;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let previous = null; // {char, top, height, node, offset}
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.data;
            for (let i = 0; i < text.length; i++) {
                const char = text[i];
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
                const rect = rects[rects.length - 1];
                if (!rect) {
                    // Not rendered (collapsed space, an unused soft hyphen): it still separates
                    // or joins what is around it.
                    if (previous) previous = {...previous, char};
                    continue;
                }
                if (previous && rect.top > previous.top + previous.height / 2) {
                    if (wordChar.test(previous.char) && wordChar.test(char)) {
                        const before = (previous.node.data.slice(0, previous.offset + 1)).split(/\s/).pop();
                        const after = text.slice(i).split(/\s/)[0];
                        const cut = `${before}|${after}`.replace(/\u00ad/g, "");
                        brokenWords.push(`${describe(el)}: "${cut}"`);
                    }
                }
                previous = {char, top: rect.top, height: rect.height, node, offset: i};
            }
        }
    }
    return {overflow, brokenWords};
}
