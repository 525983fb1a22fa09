"""House rules for factcheck/ (issue 10): no module over 400 lines, no function over 60 lines.

Usage: python scripts/house_check.py [paths...]   (default: factcheck/). Exit 1 and one line per breach.
The CLI's argument-parser builder is the named exception.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_MODULE = 400
MAX_FUNCTION = 60
EXEMPT = {("factcheck/cli.py", "_parser"), ("factcheck/cli.py", "build_parser")}


def breaches(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    out: list[str] = []
    lines = text.count("\n")
    if lines > MAX_MODULE:
        out.append(f"{path}: {lines} lines (> {MAX_MODULE})")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            length = (node.end_lineno or node.lineno) - start + 1
            if length > MAX_FUNCTION and (path.as_posix(), node.name) not in EXEMPT:
                out.append(f"{path}:{node.lineno}: function {node.name} is {length} lines (> {MAX_FUNCTION})")
    return out


def main(argv: list[str]) -> int:
    roots = [Path(a) for a in argv] or [Path("factcheck")]
    files = sorted(f for r in roots for f in ([r] if r.is_file() else r.rglob("*.py")))
    found = [b for f in files for b in breaches(f)]
    print("\n".join(found) if found else "house rules hold")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
