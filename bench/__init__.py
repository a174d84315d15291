"""`make bench`: scale the data, measure the build, the check, the preview and the pages (see __main__.py)."""
