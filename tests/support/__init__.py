"""What the tests share: make a project, build it, run a command, check a built site.

`project` makes and builds projects; `site_check` checks a built site; `render`
renders pages without the theme, fast; `browser` drives Chromium and is imported
only by the browser tests (and their fixtures), so a unit test run needs no browser stack.
"""
