"""What a reader sees before the scripts run (issue 19: no layout shift at load). The page is marked as having
JavaScript in <head>, so a filter form that its script shows later is laid out, unseen, from the first paint:
the records below it do not move when it appears. Without JavaScript the form takes no room at all."""

from __future__ import annotations

import pytest

from support.browser import DESKTOP, PAGES, PHONE, load

FORMS = {"timeline": "[data-timeline-filters]", "sources": "[data-sources-filter]"}

# The form's box, and how far below its top the next element starts.
_BOX = """(selector) => {
  const form = document.querySelector(selector);
  const box = form.getBoundingClientRect();
  return {hidden: form.hidden, visibility: getComputedStyle(form).visibility, height: Math.round(box.height),
          below: Math.round(form.nextElementSibling.getBoundingClientRect().top - box.top),
          js: document.documentElement.classList.contains("js")};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", list(FORMS))
def test_a_filter_form_holds_its_place_before_its_script_shows_it(open_context, site_url, name, viewport):
    early = open_context(viewport=viewport)
    early.route("**/*.js", lambda route: route.abort())  # the page as it is painted before any script arrives
    page, _ = load(early, site_url + PAGES[name])
    before = page.evaluate(_BOX, FORMS[name])
    assert before["js"] and before["hidden"] and before["visibility"] == "hidden"
    assert before["height"] > 0

    page, log = load(open_context(viewport=viewport), site_url + PAGES[name])
    page.wait_for_selector(FORMS[name] + ":not([hidden])")
    after = page.evaluate(_BOX, FORMS[name])
    assert after["visibility"] == "visible"
    assert (after["height"], after["below"]) == (before["height"], before["below"])
    assert log.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("name", list(FORMS))
def test_without_javascript_a_filter_form_takes_no_room(open_context, site_url, name):
    page, _ = load(open_context(java_script_enabled=False), site_url + PAGES[name])
    box = page.evaluate(_BOX, FORMS[name])
    assert not box["js"] and box["hidden"] and box["height"] == 0


@pytest.mark.browser
def test_the_page_paints_before_its_scripts_arrive_and_they_still_run_in_order(open_context, site_url):
    # The scripts are deferred (overrides/main.html): held back, the page is already there, with its content;
    # let through, Material's bundle runs first and the explainer's scripts after it, without an error.
    held = open_context(viewport=PHONE)
    waiting: list = []
    held.route("**/*.js", lambda route: waiting.append(route))
    page = held.new_page()
    page.goto(site_url + PAGES["timeline"], wait_until="commit")
    page.wait_for_function("document.querySelector('article h1') !== null && document.readyState !== 'loading'")
    assert page.evaluate("typeof document$") == "undefined"  # Material's bundle has not run, yet the page is there
    for route in waiting:
        route.continue_()
    page.wait_for_selector(FORMS["timeline"] + ":not([hidden])")  # timeline.js ran, after the bundle it needs
    scripts = page.evaluate("[...document.querySelectorAll('body script[src]')].map(s => [s.defer, s.src])")
    assert scripts and all(deferred for deferred, _ in scripts)
    assert "/bundle." in scripts[0][1]
