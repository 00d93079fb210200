"""The README's Dask recipe: the per-article step mapped over a bag on a LocalCluster gives `medkg build`'s bytes.

The cluster runs its 2 workers as threads (``processes=False``): process workers would each
start a Python and load the lexicon, which costs CI more than the check is worth; the
function shipped to them is the same.
"""

from __future__ import annotations

from pathlib import Path

import dask.bag as db
from distributed import Client, LocalCluster

from medkg.cli import EXIT_OK, main
from medkg.files import article_names, input_files
from medkg.graph.article import ArticleOptions, build_article
from medkg.graph.corpus import write_build

REPO = Path(__file__).resolve().parents[2]
HELDOUT = REPO / "tests" / "extract" / "heldout"
INPUTS = [REPO / "examples" / "iron-deficiency-anemia.yaml", *(HELDOUT / n for n in ("gout.md", "asthma.html",
                                                                                      "acute-bronchitis.txt"))]


def test_a_dask_bag_of_files_builds_what_medkg_build_builds(tmp_path, capsys):
    assert main(["build", *map(str, INPUTS), "-o", str(tmp_path / "cli"), "-f", "ttl,trig,jsonld,page", "-q",
                 "--validate"]) == EXIT_OK, capsys.readouterr().err

    files = input_files(INPUTS, {".yaml", ".md", ".html", ".txt"})
    formats = ["ttl", "trig", "jsonld"]
    options = ArticleOptions(("ttl", "trig", "jsonld", "page"), corpus=(*formats, "validate"))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster):
        bag = db.from_sequence(zip(files, article_names(files), strict=True), npartitions=2)
        articles = bag.starmap(build_article, options=options).compute()
    result = write_build(articles, tmp_path / "dask", formats, validate=True)

    cli = {p.name: p.read_bytes() for p in (tmp_path / "cli").iterdir()}
    dask = {p.name: p.read_bytes() for p in (tmp_path / "dask").iterdir()}
    assert len(cli) == 4 * 4 + 3 and cli == dask
    assert result.articles == 4 and result.report is not None and result.report.conforms
