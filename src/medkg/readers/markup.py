"""What a page's markup says about the page: schema.org data, ``<meta>`` tags, ``<html lang>``.

Read before the main content is extracted, from the whole parsed page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from medkg.model import PageMetadata, Person


def page_metadata(root: Any, where: Path) -> PageMetadata:
    """Title, language, author, dates and publisher from meta tags and JSON-LD."""
    meta = {(m.get("name") or m.get("property") or "").lower(): m.get("content", "").strip()
            for m in root.iter("meta") if m.get("content")}
    ld: dict[str, Any] = {}
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        nodes = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for node in nodes:
            if isinstance(node, dict) and not ld and str(node.get("@type", "")).endswith("WebPage"):
                ld = node
    title_el = root.find(".//title")
    author = meta.get("author") or meta.get("citation_author") or _ld_name(ld.get("author"))
    reviewer = _ld_name(ld.get("reviewedBy"))
    publisher = meta.get("og:site_name") or meta.get("citation_publisher") or _ld_name(ld.get("publisher"))
    return PageMetadata(
        title=meta.get("og:title") or (title_el.text_content().strip() if title_el is not None else None),
        url=meta.get("og:url") or ld.get("url"),
        language=root.get("lang") or meta.get("language"),
        authors=(Person(author),) if author else (),
        reviewer=Person(reviewer) if reviewer else None,
        date_reviewed=_iso(ld.get("lastReviewed")),
        date_updated=_iso(meta.get("article:modified_time") or ld.get("dateModified")),
        publisher=publisher or None,
    )


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return str(value).strip() or None if value else None


def _iso(value: Any) -> str | None:
    match = re.match(r"\d{4}-\d{2}-\d{2}", str(value or ""))
    return match.group() if match else None
