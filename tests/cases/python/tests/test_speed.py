"""Test files get no PY220 hints: their speed is nobody's concern."""


def test_sum_of_products() -> None:
    total = 0
    for i in range(2000):  # ok: a test file
        for j in range(1000):
            total += i * j
    assert total > 0
