"""Whole HTML documents and fragments from Jinja2 templates (``templates/pages/``), escaped.

Autoescape is on for every template: text from data (titles, names, notes, quotes) is shown as
text, never run as markup; a template marks the few values that are markup it made itself with
``|safe``. Templates receive plain values, already in the page's language (see
:mod:`policy_review.core.labels`).
"""

from __future__ import annotations

import html
from functools import lru_cache

import jinja2
from markupsafe import Markup


def _escaped(value) -> Markup:
    """Every value escaped as ``html.escape`` does (``&quot;``, as in the pages' pandas tables),
    before autoescape sees it; markup the template was given (``Markup``) passes as it is."""
    return value if isinstance(value, Markup) else Markup(html.escape(str(value)))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("policy_review.pages", "templates/pages"),
        autoescape=True,
        finalize=_escaped,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render(name: str, **context) -> str:
    """The template ``templates/pages/<name>`` filled with ``context``."""
    return environment().get_template(name).render(**context)
