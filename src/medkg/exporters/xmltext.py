"""Text that XML 1.0 can hold: every writer of an XML format (GraphML, GEXF, ...) passes its strings through here.

XML 1.0 (https://www.w3.org/TR/xml/#charsets) forbids most C0 control characters, lone
surrogates and U+FFFE/U+FFFF even when escaped, and article text can hold them (a page
scraped with a stray ``\\x1b``). lxml refuses to write them and Python's ElementTree writes a
file no parser reads, so each becomes U+FFFD, the replacement character, visibly.
"""

from __future__ import annotations

import re
from typing import Any

#: forbidden (C0 controls but tab, LF, CR; surrogates; U+FFFE/F) and discouraged (DEL, C1 but NEL)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD.

    >>> xml_safe("fe\\x1bver\\tok")
    'fe\\ufffdver\\tok'
    """
    return _NOT_XML.sub("\ufffd", text)


def xml_safe_graph(graph: Any) -> Any:
    """A copy of a networkx graph whose node ids, edge keys and string attributes are :func:`xml_safe`."""
    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return xml_safe(value)
        if isinstance(value, list | tuple):
            return type(value)(clean(v) for v in value)
        return value

    out = graph.__class__()
    out.graph.update({k: clean(v) for k, v in graph.graph.items()})
    out.add_nodes_from((clean(n), {k: clean(v) for k, v in attrs.items()}) for n, attrs in graph.nodes(data=True))
    if graph.is_multigraph():
        out.add_edges_from((clean(u), clean(v), clean(key), {k: clean(x) for k, x in attrs.items()})
                           for u, v, key, attrs in graph.edges(keys=True, data=True))
    else:
        out.add_edges_from((clean(u), clean(v), {k: clean(x) for k, x in attrs.items()})
                           for u, v, attrs in graph.edges(data=True))
    return out
