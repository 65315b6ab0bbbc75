"""One assertion shared by the tests that feed the harness a wrong documented output."""


def assert_rejected(problems: list[str], reason: str, line: int | None = None) -> None:
    """Fail unless the harness reported a problem containing `reason` (at `example.py:line`, when given).

    `problems` is the list the `run` fixture returns for one example.
    """
    assert problems, "the harness accepted a wrong documented output"
    where = f"example.py:{line}: " if line is not None else ""
    assert any(p.startswith(where) and reason in p for p in problems), "\n\n".join(problems)
