"""Hostile inputs, generated (no checked-in binaries): each class of attack or accident, for each reader.

Used by ``tests/test_hostile.py`` (every input through ``medkg build``) and as the seeds of the
fuzz test and ``bench/bench_fuzz.py``, which share the mutator and the checks of a run here.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

#: a small but real article, so a mutation still reaches the extractor
ARTICLE = """Neutropenia

Neutropenia is a condition in which the blood has too few neutrophils.

Symptoms
- fever
- frequent infections
- mouth sores

Causes
Chemotherapy and some medicines can cause neutropenia.

Treatment
Treatment includes antibiotics and growth factors.
"""


@dataclass(frozen=True, slots=True)
class Hostile:
    """One hostile file: its name (the extension picks the reader), its bytes, and the class it stands for."""

    name: str
    data: bytes
    kind: str


def _html(head: str = "", body: str = "", title: str = "Neutropenia") -> bytes:
    article = "".join(f"<h2>{line}</h2>" if line in ("Symptoms", "Causes", "Treatment") else
                      (f"<li>{line[2:]}</li>" if line.startswith("- ") else f"<p>{line}</p>")
                      for line in ARTICLE.splitlines()[2:] if line)
    return (f"<!doctype html><html><head><title>{title}</title>{head}</head><body><main><h1>{title}</h1>"
            f"{article}{body}</main></body></html>").encode()


def _md(front: str = "", body: str = "") -> bytes:
    text = ARTICLE.replace("\nSymptoms", "\n## Symptoms").replace("\nCauses", "\n## Causes")
    text = "# " + text.replace("\nTreatment", "\n## Treatment")
    return ((f"---\n{front}\n---\n" if front else "") + text + body).encode()


def _record(**fields: object) -> dict[str, object]:
    return {"name": "Neutropenia", "findings": {"symptom": ["fever"]}, **fields}


def _medquad(answer: str = "Neutropenia is a condition.", wrap: str = "{}") -> bytes:
    doc = (f'<?xml version="1.0" encoding="UTF-8"?><Document id="1" source="x" url="https://example.org/n">'
           f"<Focus>Neutropenia</Focus><QAPairs><QAPair pid='1'><Question qid='1' qtype='symptoms'>What are the "
           f"symptoms of Neutropenia?</Question><Answer>{wrap.format(answer)}</Answer></QAPair></QAPairs></Document>")
    return doc.encode()


def hostile_inputs() -> list[Hostile]:
    """Every class of the security issue (and the obvious accidents) for each reader."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
    big = "9" * 5000
    deep = 100_000
    out = [
        # curated records (YAML / JSON)
        Hostile("bomb.yaml", ("name: Neutropenia\n" + bomb).encode(), "YAML alias bomb"),
        Hostile("deep.yaml", ("name: Neutropenia\nx: " + "[" * deep + "]" * deep + "\n").encode(), "deep nesting"),
        Hostile("deep-block.yaml", ("name: Neutropenia\nx:\n" + "".join(" " * i + "- \n" for i in range(2000)))
                .encode(), "deep nesting"),
        Hostile("deep.json", ("[" * deep + "]" * deep).encode(), "deep nesting"),
        Hostile("deep-object.json", ('{"name": "N", "x": ' + '{"a": ' * deep + "1" + "}" * deep + "}").encode(),
                "deep nesting"),
        Hostile("bigint.json", ('{"name": "Neutropenia", "x": ' + big + "}").encode(), "5,000-digit integer"),
        Hostile("bigint.yaml", f"name: Neutropenia\nids: [{big}]\n".encode(), "5,000-digit integer"),
        Hostile("bigint-name.yaml", f"name: {big}\n".encode(), "5,000-digit integer"),
        Hostile("surrogate.json", b'{"name": "Neutro\\ud800penia", "findings": {"symptom": ["fever"]}}',
                "lone surrogate"),
        Hostile("surrogate-finding.json", b'{"name": "N", "findings": {"symptom": ["fe\\udfffver"]}}',
                "lone surrogate"),
        Hostile("surrogate.yaml", b'name: "Neutro\\ud800penia"\n', "lone surrogate"),
        Hostile("control.yaml", b'name: "Neutro\\x07penia"\nfindings: {symptom: ["fe\\x1bver"]}\n',
                "control characters"),
        Hostile("control-finding.json", json.dumps(_record(findings={"symptom": ["fe\x00ver\x0b"]})).encode(),
                "control characters"),
        Hostile("js-url.json", json.dumps(_record(page={"url": "javascript:alert(1)"})).encode(), "malformed URL"),
        Hostile("space-url.yaml", b"name: N\npage: {url: 'https://exa mple.org/a b'}\n", "malformed URL"),
        Hostile("list-url.yaml", b"name: N\npage: {url: [https://a.org, https://b.org]}\n", "malformed URL"),
        Hostile("date.yaml", b"name: N\npage: {date_reviewed: 2026-02-30}\n", "impossible date"),
        Hostile("date-big.yaml", f"name: N\npage: {{date_reviewed: {big}}}\n".encode(), "impossible date"),
        Hostile("not-utf8.yaml", b"name: Neutro\xff\xfepenia\n", "invalid UTF-8"),
        Hostile("binary.json", bytes(range(256)) * 4, "binary"),
        Hostile("empty.yaml", b"", "empty"),
        Hostile("tag.yaml", b"name: !!python/object/apply:os.system ['echo pwned']\n", "YAML code tag"),
        # scraped text
        Hostile("control.txt", ARTICLE.replace("fever", "fe\x00v\x1b[31mer\x7f").encode(), "control characters"),
        Hostile("control-no-nul.txt", ARTICLE.replace("Neutropenia\n", "Neutro\x01penia\x1b[31m\n", 1)
                .replace("fever", "fe\x02ver\x7f\x85").encode(), "control characters"),
        Hostile("surrogate.txt", ARTICLE.encode() + b"\xed\xa0\x80 mouth \xed\xbf\xbf", "lone surrogate"),
        Hostile("not-utf8.txt", ARTICLE.encode("utf-16"), "invalid UTF-8"),
        Hostile("empty.txt", b"\n\n  \n", "empty"),
        Hostile("long-line.txt", ("Neutropenia\n\n" + "fever " * 150_000).encode(), "one huge line"),
        # HTML pages
        Hostile("control.html", _html(body="<p>fe\x00ver \x01\x02\x1b and \x0c chills</p>"), "control characters"),
        Hostile("control-no-nul.html", _html(title="Neutro\x01penia\x1b", body="<ul><li>fe\x02ver\x0b</li></ul>"),
                "control characters"),
        Hostile("control-title.html", _html(title="Neutro\x07penia\x00"), "control characters"),
        Hostile("jsonld-number.html", _html('<script type="application/ld+json">42</script>'), "JSON-LD bare number"),
        Hostile("jsonld-list.html", _html('<script type="application/ld+json">[1, "x", null, [[]]]</script>'),
                "JSON-LD bare number"),
        Hostile("jsonld-deep.html", _html('<script type="application/ld+json">' + "[" * deep + "]" * deep
                                          + "</script>"), "deep nesting"),
        Hostile("jsonld-bigint.html", _html('<script type="application/ld+json">{"@type": "MedicalWebPage", '
                                            f'"datePublished": {big}, "name": {big}}}</script>'),
                "5,000-digit integer"),
        Hostile("jsonld-url.html", _html('<script type="application/ld+json">{"@context": "https://schema.org", '
                                         '"@type": "MedicalWebPage", "url": ["javascript:alert(1)", 3], '
                                         '"dateModified": "2026-02-30"}</script>'), "malformed URL"),
        Hostile("js-canonical.html", _html('<link rel="canonical" href="javascript:alert(1)">'
                                           '<meta property="og:url" content="javascript:alert(2)">'),
                "malformed URL"),
        Hostile("space-canonical.html", _html('<link rel="canonical" href="https://exa mple.org/a b">'),
                "malformed URL"),
        Hostile("relative-canonical.html", _html('<link rel="canonical" href="/neutropenia">'), "malformed URL"),
        Hostile("bad-port.html", _html('<link rel="canonical" href="https://example.org:99999/x">'
                                       '<link rel="canonical" href="http://[::1">'), "malformed URL"),
        Hostile("date.html", _html('<meta property="article:modified_time" content="2026-02-30T10:00:00Z">'
                                   '<meta name="date" content="99999-99-99">'), "impossible date"),
        Hostile("deep.html", _html(body="<div>" * 5000 + "<p>Deep chills are a symptom.</p>" + "</div>" * 5000),
                "deep nesting"),
        Hostile("deep-300.html", _html(body="<div>" * 300 + "<p>Deep chills are a symptom.</p>" + "</div>" * 300),
                "deep nesting"),
        Hostile("surrogate.html", _html(body="<p>&#xD800; &#0; &#x110000; fever</p>"), "lone surrogate"),
        Hostile("not-utf8.html", _html(body="<p>fever</p>").replace(b"fever", b"fe\xff\xfever"), "invalid UTF-8"),
        Hostile("binary.html", bytes(range(256)) * 16, "binary"),
        # Markdown
        Hostile("bomb.md", _md("title: Neutropenia\n" + bomb), "YAML alias bomb"),
        Hostile("front-date.md", _md("title: Neutropenia\ndate_reviewed: 2026-02-30\nupdated: 2026-13-45"),
                "impossible date"),
        Hostile("front-url.md", _md("title: Neutropenia\nurl: [javascript:alert(1), 3]\ncanonical: 'http://a b'"),
                "malformed URL"),
        Hostile("front-js-url.md", _md("title: Neutropenia\nurl: javascript:alert(1)"), "malformed URL"),
        Hostile("front-bigint.md", _md(f"title: {big}\ndate: {big}"), "5,000-digit integer"),
        Hostile("front-deep.md", _md("title: N\nx: " + "[" * deep + "]" * deep), "deep nesting"),
        Hostile("front-tag.md", _md("title: !!python/object/apply:os.system ['echo pwned']"), "YAML code tag"),
        Hostile("deep-quote.md", _md(body="\n" + ">" * 20_000 + " deep\n"), "deep nesting"),
        Hostile("deep-list.md", _md(body="\n" + "".join("  " * i + "- x\n" for i in range(3000))), "deep nesting"),
        Hostile("control-no-nul.md", _md(body="\n## Symptoms\n- fe\x02ver\x1b\n- chi\x0bl\x0cls\n")
                .replace(b"# Neutropenia", b"# Neutro\x01penia\x1b"), "control characters"),
        Hostile("line-breaks.md", _md(body="\nMore text.\n\x0b\x0c\x1c\x1d\x1e\x85 x\u2028y"),
                "control characters"),
        Hostile("control.md", _md(body="\n## Symptoms\n- fe\x00ver\x1b\n"), "control characters"),
        Hostile("surrogate.md", _md().replace(b"fever", b"fe\xed\xa0\x80ver"), "lone surrogate"),
        Hostile("js-link.md", _md(body="\n[source](javascript:alert(1))\n"), "malformed URL"),
        # MedQuAD XML
        Hostile("deep.xml", _medquad(wrap="<a>" * 5000 + "{}" + "</a>" * 5000), "deep nesting"),
        Hostile("control.xml", _medquad("fever &#x1; chills"), "control characters"),
        Hostile("xxe.xml", b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                           + _medquad("&x;").split(b"?>", 1)[1], "external entity"),
        Hostile("laughs.xml", b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">' + b"".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8))
            + b"]>" + _medquad("&i;").split(b"?>", 1)[1], "billion laughs"),
        Hostile("not-utf8.xml", _medquad().replace(b"condition", b"condi\xff\xfetion"), "invalid UTF-8"),
        Hostile("truncated.xml", _medquad()[:-40], "malformed XML"),
    ]
    return out


def check_run(code: int, err: list[str], out: Path, name: str) -> None:
    """The contract of any run on any input."""
    assert code in (0, 2), (code, err)
    medkg_lines = [line for line in err if line.startswith("medkg:")]
    assert all(name in line for line in medkg_lines), err
    written = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert len(medkg_lines) == len(err), err  # every message is one line of its own
    if code == 2:
        assert err[-1].startswith("medkg: error: ") and sum("error" in line[:14] for line in err) == 1, err
        assert written == [], written  # nothing half-written, no staging left behind
        return
    assert not [w for w in written if w.startswith(".")], written  # the staging folder is gone
    for path in out.iterdir():
        check_output(path)


def check_output(path: Path) -> None:
    """Each output read back by a real reader of its format."""
    data = path.read_bytes()
    text = data.decode("utf-8")  # strict: a lone surrogate or a stray byte fails here
    if path.suffix == ".ttl":
        from rdflib import Graph

        Graph().parse(data=text, format="turtle")
    elif path.name.endswith(".page.jsonld"):
        page = json.loads(text)
        url = page.get("url", "")
        assert not url or url.startswith(("http://", "https://")), url
    elif path.suffix == ".jsonld":
        from medkg.files import load_dataset

        load_dataset([path])
    elif path.suffix in (".graphml", ".gexf"):
        import networkx as nx

        (nx.read_graphml if path.suffix == ".graphml" else nx.read_gexf)(path)
    elif path.suffix == ".html":
        from lxml import html

        doc = html.fromstring(text)
        links = [a.get("href", "") for a in doc.iter("a")]
        assert not [h for h in links if h.strip().lower().startswith("javascript:")], links
        for svg in doc.iter("svg"):
            assert svg is not None
        for script in doc.xpath("//script[@type='application/ld+json']"):
            assert not str(json.loads(script.text).get("url", "")).lower().startswith("javascript:")


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One random edit of the kinds that break readers: flips, cuts, control bytes, nesting, escapes."""
    snippets = [b"\x00", b"\x1b", b"\xed\xa0\x80", b"\xff", b"&#xD800;", b"&#0;", b"*a", b"&a [1]", b"[" * 3000,
                b"<div>" * 3000, b"9" * 5000, b"\\ud800", b"javascript:alert(1)", b"---\n", b"<![CDATA[", b"\r",
                b"2026-02-30", b'<script type="application/ld+json">7</script>', b"<!--", b"\n## ", b"\t- "]
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        pos = rng.randint(0, len(data))
        op = rng.random()
        if op < 0.3 and data:
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif op < 0.45:
            del data[pos:pos + rng.randint(1, 200)]
        elif op < 0.55 and data:
            cut = rng.randint(0, len(data))
            data[pos:pos] = data[cut:cut + rng.randint(1, 300)]
        else:
            data[pos:pos] = rng.choice(snippets)
    return bytes(data)


def fuzz_cases(count: int, seed: int, leave_out: set[str] = frozenset()) -> list[tuple[str, bytes]]:
    """``count`` seeded mutations of the hostile inputs (but ``leave_out``) and of a clean input of each kind."""
    rng = random.Random(seed)
    seeds = [(h.name, h.data) for h in hostile_inputs() if len(h.data) < 50_000 and h.name not in leave_out]
    seeds += [("clean.txt", ARTICLE.encode()), ("clean.md", ("# " + ARTICLE).encode()),
              ("clean.yaml", b"name: Neutropenia\nfindings: {symptom: [fever, chills]}\npage: {url: https://a.org}\n")]
    out = []
    for i in range(count):
        name, data = rng.choice(seeds)
        out.append((f"fuzz{i}-{name}", mutate(rng, data)))
    return out
