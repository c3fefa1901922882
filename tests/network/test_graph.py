"""Reading edge lists: the parsing rules of the `network seeds` contract and its errors."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from grassroots.errors import InvalidInput, InvalidRecord
from grassroots.network import load_graph

from ..conftest import shared_file


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path


def _edges(graph: object) -> set[tuple[str, str]]:
    g = graph
    return {
        (g.labels[u], g.labels[v])  # type: ignore[attr-defined]
        for u in range(g.n)  # type: ignore[attr-defined]
        for v in g.out_nbr[g.out_ptr[u] : g.out_ptr[u + 1]]  # type: ignore[attr-defined]
    }


def test_separators_comments_duplicates_self_loops(tmp_path: Path) -> None:
    text = "# comment\n% other\n\n1 2\n1\t3 extra columns\r\n2,3\n1 2\n4 4\n  3   1  \n"
    graph = load_graph(_write(tmp_path, "g.txt", text))
    assert _edges(graph) == {("1", "2"), ("1", "3"), ("2", "3"), ("3", "1")}
    assert graph.n == 4  # node 4 exists (self-loop dropped, node kept)
    three = graph.index("3")
    # wc after de-duplication: node 3 has in-neighbours 1 and 2
    assert graph.in_p[graph.in_ptr[three] : graph.in_ptr[three + 1]].tolist() == [0.5, 0.5]


def test_ids_are_kept_exactly_as_written(tmp_path: Path) -> None:
    graph = load_graph(_write(tmp_path, "g.txt", "007 alice\nalice 7\n7 007\n"))
    assert set(graph.labels) == {"007", "alice", "7"}
    numeric = load_graph(_write(tmp_path, "n.txt", "10 2\n2 300\n"))
    assert numeric.labels == ("2", "10", "300")


def test_undirected_gzip_and_header(tmp_path: Path) -> None:
    path = tmp_path / "g.csv.gz"
    path.write_bytes(gzip.compress(b"id_1,id_2\na,b\nb,c\n"))
    graph = load_graph(path, undirected=True)
    assert _edges(graph) == {("a", "b"), ("b", "a"), ("b", "c"), ("c", "b")}
    numeric_csv = load_graph(_write(tmp_path, "n.csv", "1,2\n2,3\n"))
    assert numeric_csv.m == 2
    forced = load_graph(_write(tmp_path, "h.txt", "from to\n1 2\n"), header=True)
    assert forced.labels == ("1", "2")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "g.txt: no edges"),
        ("# only comments\n", "g.txt: no edges"),
        ("1 2\n3\n", "g.txt:2: edge: expected two node ids"),
    ],
)
def test_bad_files_name_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(InvalidRecord, match=expected):
        load_graph(_write(tmp_path, "g.txt", text))


def test_weights(tmp_path: Path) -> None:
    graph = load_graph(_write(tmp_path, "g.txt", "a b 0.25\nc b 0.5\n"), probability="weight")
    assert sorted(graph.in_p.tolist()) == [0.25, 0.5]
    for text, line in (("a b 0.2\nc b 1.5\n", 2), ("a b x\n", 1), ("a b\n", 1)):
        with pytest.raises(InvalidRecord, match=rf"g.txt:{line}: weight"):
            load_graph(_write(tmp_path, "g.txt", text), probability="weight")


def test_linear_threshold_weight_sums(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.txt", "a c 0.7\nb c 0.6\n")
    with pytest.raises(InvalidRecord, match=r"g.txt:2: weight: incoming weights of node c sum to 1.3"):
        load_graph(path, probability="weight", model="lt")
    graph = load_graph(path, probability="weight", model="lt", normalise=True)
    assert graph.in_p.sum() == pytest.approx(1.0)
    with pytest.raises(InvalidInput, match="const:P"):
        load_graph(path, probability="const:2")


def test_epinions_loads_with_documented_size() -> None:
    graph = load_graph(shared_file("graphs/epinions-sym.txt.gz"))
    assert (graph.n, graph.m) == (75_879, 811_480)
    assert np.allclose(
        np.bincount(graph.out_nbr, weights=graph.out_p, minlength=graph.n)[graph.in_degree() > 0], 1
    )


def test_trivalency_is_reproducible_from_the_seed(tmp_path: Path) -> None:
    rows = [f"{u} {(u * 7 + 3) % 97}" for u in range(300)]
    path = _write(tmp_path, "g.txt", "\n".join(rows) + "\n")
    shuffled = _write(tmp_path, "s.txt", "\n".join(reversed(rows)) + "\n")
    a = load_graph(path, probability="tri", seed=5)
    values, counts = np.unique(a.out_p, return_counts=True)
    assert values.tolist() == [0.001, 0.01, 0.1]
    assert counts.min() > a.m / 6  # each of the three values on roughly a third of the edges
    assert np.array_equal(a.out_p, load_graph(path, probability="tri", seed=5).out_p)
    assert np.array_equal(a.in_p, load_graph(shuffled, probability="tri", seed=5).in_p)
    assert not np.array_equal(a.out_p, load_graph(path, probability="tri", seed=6).out_p)
    assert np.all(a.node_p == -1)  # in-edges of a node differ: samplers must not skip
