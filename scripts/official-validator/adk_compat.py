"""Source rewrite that lets the official ADK (polyai-adk) import on CPython 3.11-3.13.

polyai-adk declares Requires-Python >= 3.14 but is pure Python. Two 3.14 features block it on an
older interpreter, and this script rewrites both in place, in every module of the package it is
pointed at:

  * PEP 758: ``except A, B:`` (a bare tuple of exception types).  Rewritten to ``except (A, B):``.
    Found with the tokenizer, so text inside strings and comments is never touched.
  * PEP 649: annotations are evaluated lazily, so a module may annotate with names that only exist
    under ``TYPE_CHECKING`` or that are defined further down.  A module that has annotations and no
    ``from __future__ import annotations`` gets that import, which defers them the same way.

It is idempotent (a second run changes nothing), rewrites a file only when the result compiles on
the running interpreter, and exits 1 naming every module that still does not compile.

    python adk_compat.py SITE_PACKAGES/poly
"""

import ast
import io
import pathlib
import sys
import tokenize

FUTURE_LINE = "from __future__ import annotations  # added by switchboard adk_compat.py\n"
_SKIP = {tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT}


def _offsets(src):
    """Character offset of the start of each line (1-based line numbers index into it)."""
    starts = [0, 0]
    for line in src.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def parenthesise_except_tuples(src):
    """Return (new_source, count): every ``except A, B[:| as]`` handler wrapped in parentheses."""
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(src).readline) if t.type not in _SKIP]
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return src, 0
    starts = _offsets(src)
    inserts = []  # (offset, text)
    for i, tok in enumerate(tokens):
        if tok.type != tokenize.NAME or tok.string != "except":
            continue
        j = i + 1
        if j < len(tokens) and tokens[j].string == "*":  # except* (PEP 654)
            j += 1
        first = j
        depth = 0
        top_level_comma = False
        while j < len(tokens):
            t = tokens[j]
            if t.type == tokenize.OP and t.string in "([{":
                depth += 1
            elif t.type == tokenize.OP and t.string in ")]}":
                depth -= 1
            elif depth == 0 and t.type == tokenize.OP and t.string == ":":
                break
            elif depth == 0 and t.type == tokenize.NAME and t.string == "as":
                # ``except A, B as e`` is a syntax error even on 3.14; leave it alone
                top_level_comma = False
                break
            elif depth == 0 and t.type == tokenize.OP and t.string == ",":
                top_level_comma = True
            j += 1
        if top_level_comma and first < j:
            begin, end = tokens[first].start, tokens[j - 1].end
            inserts.append((starts[begin[0]] + begin[1], "("))
            inserts.append((starts[end[0]] + end[1], ")"))
    for offset, text in sorted(inserts, reverse=True):
        src = src[:offset] + text + src[offset:]
    return src, len(inserts) // 2


def _annotates(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            every = args.posonlyargs + args.args + args.kwonlyargs
            every += [a for a in (args.vararg, args.kwarg) if a is not None]
            if node.returns is not None or any(a.annotation is not None for a in every):
                return True
    return False


def _has_future_annotations(tree):
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            if any(alias.name == "annotations" for alias in node.names):
                return True
    return False


def add_future_annotations(src, tree):
    """Insert the __future__ import after the docstring and any other __future__ imports."""
    line = 0  # insert after this many lines
    body = tree.body
    k = 0
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
            and isinstance(body[0].value.value, str):
        line = body[0].end_lineno
        k = 1
    while k < len(body) and isinstance(body[k], ast.ImportFrom) and body[k].module == "__future__":
        line = body[k].end_lineno
        k += 1
    lines = src.splitlines(keepends=True)
    if line and not lines[line - 1].endswith("\n"):
        lines[line - 1] += "\n"
    lines.insert(line, FUTURE_LINE)
    return "".join(lines)


def rewrite(path):
    """Rewrite one module; return (changed, problem-or-None)."""
    original = path.read_text(encoding="utf-8")
    src, _ = parenthesise_except_tuples(original)
    try:
        tree = ast.parse(src, filename=str(path))
    except SyntaxError as e:
        return False, f"{path}:{e.lineno}: {e.msg}"
    if tree.body and _annotates(tree) and not _has_future_annotations(tree):
        src = add_future_annotations(src, tree)
    if src == original:
        return False, None
    try:
        compile(src, str(path), "exec")
    except SyntaxError as e:
        return False, f"{path}:{e.lineno}: {e.msg} (after rewrite)"
    path.write_text(src, encoding="utf-8")
    return True, None


def main(argv):
    if len(argv) != 2:
        print("usage: adk_compat.py PACKAGE_DIR", file=sys.stderr)
        return 2
    if sys.version_info >= (3, 14):
        print("adk_compat: this interpreter runs polyai-adk unchanged")
        return 0
    changed, problems = 0, []
    for path in sorted(pathlib.Path(argv[1]).rglob("*.py")):
        did, problem = rewrite(path)
        changed += did
        if problem:
            problems.append(problem)
    print(f"adk_compat: rewrote {changed} module(s) for Python {sys.version.split()[0]}")
    if problems:
        print("adk_compat: these modules still do not compile:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
