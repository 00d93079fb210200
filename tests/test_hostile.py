"""Every hostile input class through `medkg build`, and a bounded seeded fuzz over them.

What must hold for any input: exit 0 or 2 (never a crash, never 1); on 2, exactly one line
naming the file and nothing written; on 0, every output parses with a real reader, and no
``javascript:`` URL became a link or the page's ``url``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from medkg.cli import main

from .hostile import ARTICLE, Hostile, hostile_inputs

#: the formats every hostile input is written in: each RDF syntax's reader and each XML writer
FORMATS = "ttl,jsonld,page,html,graphml,gexf"
FUZZ_CASES = 300


def build(tmp_path: Path, name: str, data: bytes, capsys, formats: str = FORMATS) -> tuple[int, list[str], Path]:
    source = tmp_path / "in" / name
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(data)
    out = tmp_path / "out"
    code = main(["build", str(source), "-o", str(out), "--no-link", "-q", "--format", formats])
    return code, capsys.readouterr().err.splitlines(), out


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


#: classes another change is fixing, in files this suite must not edit (they run, and pass once fixed)
PENDING = {"front-bigint.md": "Markdown front matter: a 5,000-digit integer crashes PyYAML's int (readers/markdown.py)"}


@pytest.mark.parametrize("hostile", [pytest.param(h, marks=pytest.mark.xfail(reason=PENDING[h.name]))
                                     if h.name in PENDING else h for h in hostile_inputs()], ids=lambda h: h.name)
def test_hostile_input(tmp_path, capsys, hostile: Hostile):
    code, err, out = build(tmp_path, hostile.name, hostile.data, capsys)
    check_run(code, err, out, hostile.name)
    if code == 0 and hostile.name == "deep.html":
        assert "Deep chills" in (out / "deep.ttl").read_text(encoding="utf-8")  # read, or refused: never lost
    if code == 0 and hostile.kind == "external entity":
        assert "root:" not in "".join(p.read_text(encoding="utf-8") for p in out.iterdir())


def test_keep_going_skips_bad_inputs_and_says_so(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "bad.json").write_bytes(b"[" * 100_000)
    (folder / "bomb.yaml").write_bytes(next(h for h in hostile_inputs() if h.name == "bomb.yaml").data)
    code = main(["build", str(folder), "-o", str(tmp_path / "out"), "--no-link", "--keep-going", "-q"])
    err = capsys.readouterr().err.splitlines()
    assert code == 2, err
    assert sum(line.startswith("medkg: skipped:") for line in err) == 2 and any("bad.json" in line for line in err)
    assert (tmp_path / "out" / "good.ttl").is_file()
    code = main(["build", str(folder / "bad.json"), "-o", str(tmp_path / "none"), "--no-link", "--keep-going", "-q"])
    assert code == 2 and not any((tmp_path / "none").iterdir())


def test_a_crash_is_exit_3_in_one_line_naming_the_input(tmp_path, capsys, monkeypatch):
    """A bug (here: a reader that raises something unexpected) is exit 3, not 2, and never 1."""
    import medkg.pipeline

    def broken(path):
        raise KeyError("boom")

    monkeypatch.setattr(medkg.pipeline, "reader_for", lambda path, reader=None: broken)
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    code = main(["build", str(source), "-o", str(tmp_path / "out"), "--no-link", "-q"])
    err = capsys.readouterr().err.splitlines()
    assert code == 3 and len(err) == 1 and "internal error" in err[0] and "KeyError" in err[0]
    assert str(source) in err[0]
    code = main(["build", str(source), "-o", str(tmp_path / "out"), "--no-link", "-q", "--keep-going"])
    assert code == 3 and "skipped: internal error" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["nan", "-1", "0", "inf", "1e999", "abc", ""])
def test_odd_timeouts_are_one_line_usage_errors(tmp_path, capsys, value):
    code = main(["query", str(tmp_path), "--timeout", value, "ASK {}"])
    err = capsys.readouterr().err.splitlines()
    assert code == 2 and len(err) == 1 and ("--timeout" in err[0] or "time limit" in err[0]), err


def test_impossible_output_folders_are_one_line_errors(tmp_path, capsys):
    source = tmp_path / "a.yaml"
    source.write_text("name: Neutropenia\n", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    for outdir in (blocker, blocker / "sub", Path("/proc/medkg-cannot-be-here")):
        code = main(["build", str(source), "-o", str(outdir), "--no-link", "-q"])
        err = capsys.readouterr().err.splitlines()
        assert code == 2 and len(err) == 1 and str(outdir) in err[0], err


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


def fuzz_cases(count: int, seed: int) -> list[tuple[str, bytes]]:
    """``count`` seeded mutations of the hostile inputs and of a clean article in each input kind."""
    rng = random.Random(seed)
    seeds = [(h.name, h.data) for h in hostile_inputs() if len(h.data) < 50_000 and h.name not in PENDING]
    seeds += [("clean.txt", ARTICLE.encode()), ("clean.md", ("# " + ARTICLE).encode()),
              ("clean.yaml", b"name: Neutropenia\nfindings: {symptom: [fever, chills]}\npage: {url: https://a.org}\n")]
    out = []
    for i in range(count):
        name, data = rng.choice(seeds)
        out.append((f"fuzz{i}-{name}", mutate(rng, data)))
    return out


def test_fuzz(tmp_path, capsys):
    """A few hundred seeded mutations: exit 0 or 2, one line naming the file, outputs that parse."""
    failures = []
    for i, (name, data) in enumerate(fuzz_cases(FUZZ_CASES, seed=20261130)):
        case = tmp_path / str(i)
        code, err, out = build(case, name, data, capsys, formats="ttl,page,graphml")
        try:
            check_run(code, err, out, name)
        except AssertionError as failure:
            failures.append((name, code, err[-3:], str(failure)[:200]))
    assert failures == [], "\n".join(map(str, failures))
