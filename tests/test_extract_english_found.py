"""The index of attributions found (issue 8) answers exactly what a scan of the list answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.english_found import FoundIndex
from factcheck.extract.english_patterns import EnAttribution

_SPANS = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 30), st.booleans()), max_size=25
)  # (start, length, has a speaker)


def _index(spans: list[tuple[int, int, bool]]) -> FoundIndex:
    idx = FoundIndex()
    for k, (s, n, spoken) in enumerate(spans):
        if (s, s + n) not in idx:
            idx.append(EnAttribution(f"s{k}" if spoken else None, (s, s + n), "said"))
    return idx


@settings(max_examples=300, deadline=None)
@given(_SPANS, st.integers(0, 100), st.integers(0, 100))
def test_index_matches_a_scan(spans: list[tuple[int, int, bool]], a: int, b: int) -> None:
    idx = _index(spans)
    found = idx.items
    assert idx.taken(a, b) == any(x.content[0] < b and a < x.content[1] for x in found)
    assert idx.nested(a) == any(x.content[0] <= a < x.content[1] for x in found)
    assert idx.last_end(a, b) == max([a] + [x.content[1] for x in found if a <= x.content[1] <= b])
    first = idx.first_start_in(a, b)
    assert min([b] + [x.content[0] for x in found if a < x.content[0] < b]) == (b if first is None else first)
    if a < b:
        overlap = max((min(b, x.content[1]) - max(a, x.content[0]) for x in found), default=0)
        assert idx.covered(a, b) == (overlap > (b - a) / 2)
    before = [x for x in found if x.content[1] <= a and x.speaker]
    # max() keeps the first of equal ends, in the order found
    assert idx.last_spoken_before(a) is (max(before, key=lambda x: x.content[1]) if before else None)
    inside = [x for x in found if min(a, b) <= x.content[1] <= max(a, b) and x.speaker]
    assert idx.latest_spoken_in(min(a, b), max(a, b)) is (inside[-1] if inside else None)


def test_ties_keep_the_first_found() -> None:
    idx = _index([(0, 10, True), (5, 5, True), (20, 5, False)])
    assert idx.last_spoken_before(12) is idx.items[0]  # both end at 10: the first found
    assert idx.latest_spoken_in(0, 12) is idx.items[1]  # the last found
