"""Driving pages with the keyboard alone, and checking that focus can always be seen.

Every Tab press checks the element it lands on: in normal colours it must show the yellow
focus colour (ring or background); in forced colours, where backgrounds and shadows are
dropped, it must have a real outline. "Real" is read from the computed style.
"""

import time

FOCUS_YELLOW = "rgb(255, 221, 0)"

_FOCUSED = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return null; }
  const s = getComputedStyle(el);
  const clear = c => c === "transparent" || /rgba\(.*,\s*0\)$/.test(c);
  const words = t => (t || "").replace(/\s+/g, " ").trim();
  const label = words(el.labels && el.labels.length ? el.labels[0].textContent : "");
  return {
    tag: el.tagName.toLowerCase(), id: el.id, type: el.type || "", name: el.name || "",
    text: words(el.innerText || el.value).slice(0, 80), label: label,
    href: el.getAttribute("href") || "", checked: !!el.checked,
    outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 && !clear(s.outlineColor),
    outlineColor: s.outlineColor, background: s.backgroundColor, shadow: s.boxShadow,
    forced: matchMedia("(forced-colors: active)").matches,
  };
}"""


def focused(page) -> dict | None:
    """What has focus: tag, id, text, label, and how its focus is drawn."""
    return page.evaluate(_FOCUSED)


def assert_focus_visible(info: dict | None) -> None:
    assert info is not None, "focus is on the page itself, not on an element"
    if info["forced"]:
        assert info["outline"], f"no outline in forced colours: {info}"
    else:
        yellow = FOCUS_YELLOW in (info["outlineColor"], info["background"])
        assert yellow and (info["outline"] or info["shadow"] != "none"), \
            f"focus not drawn: {info}"


def tab_to(page, *, text: str | None = None, label: str | None = None,
           id: str | None = None, backwards: bool = False, limit: int = 120) -> dict:
    """Press Tab (Shift+Tab) until focus is on the element with this id, label or text,
    checking at every stop that focus can be seen."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        info = focused(page)
        assert_focus_visible(info)
        if ((id is not None and info["id"] == id) or (label is not None and info["label"] == label)
                or (text is not None and info["text"] == text)):
            return info
    raise AssertionError(f"Tab never reached {text or label or id!r}; last stop {info}")


def press_and_load(page, key: str = "Enter") -> None:
    """Press a key that sends a form or follows a link, and wait for the new page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def type_into(page, value: str) -> None:
    """Replace what the focused field holds, as a person would: select all, then type."""
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(value)


def wait_for_focus(page, test, *, seconds: float = 3.0, drawn: bool = True) -> dict:
    """Wait for a page load to settle focus where ``test(info)`` holds, and check that it
    stays there (a jump to a fragment can take focus away a moment after load)."""
    deadline = time.monotonic() + seconds
    info = focused(page)
    while not (info and test(info)) and time.monotonic() < deadline:
        time.sleep(0.05)
        info = focused(page)
    assert info and test(info), f"focus is on {info}"
    time.sleep(0.3)
    info = focused(page)
    assert info and test(info), f"focus moved on to {info}"
    if drawn:
        assert_focus_visible(info)
    return info


def assert_summary_focused_and_its_first_link_reaches_an_input(page) -> dict:
    """At a form error: focus is on the error summary; its first link, followed with the
    keyboard, puts focus on an input of the field in error. Returns that input."""
    wait_for_focus(page, lambda info: info["id"] == "error-summary")
    page.keyboard.press("Tab")  # the summary's first link comes next
    link = focused(page)
    assert_focus_visible(link)
    assert link["tag"] == "a" and link["href"].startswith("#"), link
    assert page.evaluate("!!document.activeElement.closest('#error-summary')")
    page.keyboard.press("Enter")
    target = wait_for_focus(page, lambda info: info["tag"] in ("input", "select", "textarea"))
    assert link["href"] == "#" + target["id"], (link, target)
    invalid = page.evaluate("document.activeElement.getAttribute('aria-invalid')")
    assert invalid == "true", "the input in error is marked aria-invalid"
    return target


def focus_every_control(page, *, limit: int = 200) -> int:
    """Tab through the whole page from the top, checking each stop; the number of stops."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    first = focused(page)
    assert_focus_visible(first)
    stops = 1
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused(page)
        if info is None or (info["id"], info["text"], info["href"]) == (
                first["id"], first["text"], first["href"]):
            return stops
        assert_focus_visible(info)
        stops += 1
    return stops
