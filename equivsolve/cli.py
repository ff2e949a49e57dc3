"""The ``equivsolve`` command: ``check``, ``group``, ``batch`` and ``parse``.

Exit status of ``check`` follows ``cmp``: 0 equivalent, 1 not equivalent, 2
unknown, invalid or error. ``--json`` prints exactly one JSON object on stdout.
Heavy modules (the kinds, the batch runner) are imported only by the command
that needs them, so ``equivsolve --help`` stays quick. See ``docs/cli.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from . import __version__
from .result import CheckResult, Verdict

#: seconds a check may overrun its cooperative timeout before the process gives up
HARD_GRACE = 2.0

EXIT_CODES = {Verdict.EQUIVALENT: 0, Verdict.NOT_EQUIVALENT: 1}
EXIT_ERROR = 2


class CliError(Exception):
    """A usage or input problem: reported on stderr, exit status 2."""


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so that worker processes are stopped."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _terminate_gracefully() -> Iterator[None]:
    """Turn SIGTERM into :class:`Terminated` while a batch runs (main thread only)."""

    def handler(signum: int, frame: Any) -> None:
        raise Terminated(signum)

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``).

    Returns the exit status instead of exiting, so it can be called in-process.

    Examples
    --------
    >>> main(["--version"])  # doctest: +ELLIPSIS
    equivsolve ...
    0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("equivsolve: interrupted", file=sys.stderr)
        return 130
    except Terminated as exc:
        print("equivsolve: terminated", file=sys.stderr)
        return 128 + exc.signum
    except BrokenPipeError:  # `equivsolve ... | head`: the reader went away
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_ERROR
    except Exception as exc:  # a bug: say so briefly, with status 2 as promised
        _error(f"internal error: {type(exc).__name__}: {exc}")
        return EXIT_ERROR


# -- the parser ---------------------------------------------------------------


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds: {text!r}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    from .domains import kinds

    parser = argparse.ArgumentParser(
        prog="equivsolve",
        description="Formal and symbolic equivalence checking for math answers, "
        "LP/MILP models, LTL formulas and PDDL problems.",
        epilog="Text arguments: the text itself, @PATH to read a file, - to read stdin. "
        "Put -- before a text that starts with '-'.",
    )
    parser.add_argument("--version", action="version", version=f"equivsolve {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    kind_help = f"the kind of the items ({', '.join(kinds())}, ...)"
    option_help = (
        "an option of the kind, KEY=VALUE (repeatable): "
        "finite=true, syntax=spin (ltl), placeholder=true, effort=30 (pddl)"
    )
    timeout_help = "seconds before giving up with 'unknown' (default: %(default)s)"

    check = sub.add_parser("check", help="are two items equivalent? (exit 0 / 1 / 2, as cmp)")
    check.add_argument("--kind", required=True, help=kind_help)
    check.add_argument("left", metavar="LEFT", help="text, @PATH or -")
    check.add_argument("right", metavar="RIGHT", help="text, @PATH or -")
    check.add_argument("--domain", metavar="FILE", help="PDDL domain file (- for stdin)")
    check.add_argument("--timeout", type=_positive_float, default=10.0, help=timeout_help)
    check.add_argument("--json", action="store_true", help="print the result as one JSON object")
    check.add_argument("--option", action="append", metavar="KEY=VALUE", help=option_help)
    check.set_defaults(run=cmd_check)

    group = sub.add_parser("group", help="equivalence classes of items, one per line")
    group.add_argument("--kind", required=True, help=kind_help)
    group.add_argument("file", metavar="FILE", nargs="?", default="-", help="FILE or - (stdin)")
    group.add_argument("--domain", metavar="FILE", help="PDDL domain file")
    group.add_argument("--timeout", type=_positive_float, default=10.0, help=timeout_help)
    group.add_argument("--json", action="store_true", help="print the grouping as JSON")
    group.add_argument("--option", action="append", metavar="KEY=VALUE", help=option_help)
    group.set_defaults(run=cmd_group)

    batch = sub.add_parser("batch", help="check a JSON Lines file of pairs")
    batch.add_argument("input", metavar="INPUT.jsonl", help="input rows (- for stdin)")
    batch.add_argument(
        "--output", "-o", required=True, metavar="OUT.jsonl", help="result rows (- for stdout)"
    )
    batch.add_argument("--kind", help="kind of rows without a 'kind' field")
    batch.add_argument(
        "--workers",
        type=_positive_int,
        default=1,
        help="worker processes, or Ray tasks in flight (default: %(default)s)",
    )
    batch.add_argument(
        "--timeout",
        type=_positive_float,
        default=10.0,
        help="seconds per row (default: %(default)s)",
    )
    batch.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local processes or Ray (default: %(default)s)",
    )
    batch.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    batch.add_argument("--option", action="append", metavar="KEY=VALUE", help=option_help)
    batch.set_defaults(run=cmd_batch)

    parse = sub.add_parser("parse", help="show the canonical form of an item")
    parse.add_argument("--kind", required=True, help=kind_help)
    parse.add_argument("text", metavar="TEXT", help="text, @PATH or -")
    parse.add_argument("--domain", metavar="FILE", help="PDDL domain file")
    parse.add_argument("--json", action="store_true", help="print the result as JSON")
    parse.add_argument("--option", action="append", metavar="KEY=VALUE", help=option_help)
    parse.set_defaults(run=cmd_parse)
    return parser


# -- reading inputs -------------------------------------------------------------


class _Inputs:
    """Reads text arguments; stdin may be consumed once."""

    def __init__(self) -> None:
        self.stdin_used = False

    def stdin(self) -> str:
        if self.stdin_used:
            raise CliError("stdin ('-') can be used for only one input")
        self.stdin_used = True
        return sys.stdin.read()

    def text(self, arg: str) -> str:
        """``-`` is stdin, ``@PATH`` a file, ``@@...`` a literal ``@...``, else the text."""
        if arg == "-":
            return self.stdin().rstrip("\r\n")
        if arg.startswith("@@"):
            return arg[1:]
        if arg.startswith("@"):
            return self.file(arg[1:]).rstrip("\r\n")
        return arg

    def file(self, path: str) -> str:
        if path == "-":
            return self.stdin()
        try:
            with open(path, encoding="utf-8") as handle:
                return handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None

    def options(self, args: argparse.Namespace) -> dict[str, Any]:
        """``--option KEY=VALUE`` checked against the kind, and ``--domain``."""
        from . import domains

        _domain(args.kind)
        try:
            options = domains.options_for(args.kind, _pairs(args.option))
        except ValueError as exc:
            raise CliError(str(exc)) from None
        if args.domain is not None:
            options["domain"] = self.file(args.domain)
        return options


def _pairs(given: list[str] | None) -> dict[str, str]:
    """``KEY=VALUE`` arguments as a dict."""
    out = {}
    for item in given or ():
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CliError(f"--option takes KEY=VALUE, got {item!r}")
        out[key.strip()] = value.strip()
    return out


def _domain(kind: str) -> Any:
    from . import domains

    try:
        return domains.get(kind)
    except ValueError as exc:  # unknown kind
        raise CliError(str(exc)) from None
    except Exception as exc:  # the kind exists but its module does not import
        raise CliError(f"kind {kind!r} is unavailable: {type(exc).__name__}: {exc}") from None


def _error(message: str) -> None:
    print(f"equivsolve: error: {message}", file=sys.stderr)


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


class _HardDeadline:
    """The last resort when a check is stuck inside a C call.

    The cooperative timeout stops Python code; it cannot stop a call that never
    returns to the interpreter. After ``seconds`` this emits ``on_timeout``'s
    output and ends the process with status 2. The lock makes sure that either
    the real answer or the timeout answer is printed, never both.
    """

    def __init__(self, seconds: float, on_timeout: Callable[[], None]) -> None:
        self._lock = threading.Lock()
        self._on_timeout = on_timeout
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def _fire(self) -> None:
        if self._lock.acquire(blocking=False):
            try:
                self._on_timeout()
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(EXIT_ERROR)

    def __enter__(self) -> _HardDeadline:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._timer.cancel()
        self._lock.acquire()  # blocks for good if the timer is already answering


# -- commands -------------------------------------------------------------------


def format_result(row: dict[str, Any]) -> str:
    """The human form of a result: ``equivalent (certified, method=algebra)``."""
    details = []
    if row["verdict"] in (Verdict.EQUIVALENT.value, Verdict.NOT_EQUIVALENT.value):
        details.append("certified" if row["certified"] else "not certified")
    if row.get("method"):
        details.append(f"method={row['method']}")
    line = row["verdict"] + (f" ({', '.join(details)})" if details else "")
    if row.get("reason"):
        line += f": {row['reason']}"
    if row.get("certificate") is not None:
        line += "\ncertificate: " + json.dumps(row["certificate"], ensure_ascii=False)
    return line


def _emit_result(result: CheckResult, as_json: bool) -> int:
    row = result.to_dict()
    if as_json:
        _print_json(row)
    else:
        print(format_result(row), flush=True)
    return EXIT_CODES.get(result.verdict, EXIT_ERROR)


def cmd_check(args: argparse.Namespace) -> int:
    try:
        inputs = _Inputs()
        left, right = inputs.text(args.left), inputs.text(args.right)
        options = inputs.options(args)
    except CliError as exc:
        _error(str(exc))
        if args.json:
            _print_json(CheckResult(Verdict.INVALID, reason=str(exc)).to_dict())
        return EXIT_ERROR
    from . import api

    def on_timeout() -> None:
        _emit_result(CheckResult(Verdict.UNKNOWN, reason="timeout", elapsed_s=limit), args.json)

    limit = args.timeout + HARD_GRACE
    with _HardDeadline(limit, on_timeout):
        result = api.check(left, right, kind=args.kind, timeout=args.timeout, **options)
    return _emit_result(result, args.json)


def cmd_group(args: argparse.Namespace) -> int:
    try:
        inputs = _Inputs()
        text = inputs.file(args.file)
        options = inputs.options(args)
    except CliError as exc:
        _error(str(exc))
        if args.json:
            _print_json({"error": str(exc)})
        return EXIT_ERROR
    from . import api

    items = [line for line in text.splitlines() if line.strip()]

    def on_timeout() -> None:
        _error(f"grouping did not finish within {limit:g} s")
        if args.json:
            _print_json({"error": "timeout"})

    limit = args.timeout + HARD_GRACE
    with _HardDeadline(limit, on_timeout):
        grouping = api.group(items, kind=args.kind, timeout=args.timeout, **options)
    if args.json:
        _print_json(grouping.to_dict())
    else:
        print(format_grouping(grouping.to_dict(), items), flush=True)
    return 0


def format_grouping(row: dict[str, Any], items: Sequence[str]) -> str:
    """Classes one per line, each with its first item as an example."""
    lines = [f"{len(items)} items, {len(row['classes'])} classes; majority: {row['majority']}"]
    shown = [str(members) for members in row["classes"]]
    width = max((len(text) for text in shown), default=0)
    for text, members in zip(shown, row["classes"], strict=True):
        lines.append(f"  {text:<{width}}  {items[members[0]]}")
    if row["invalid"]:
        lines.append(f"invalid: {row['invalid']}")
    if row["unknown_pairs"]:
        lines.append(f"undecided pairs: {row['unknown_pairs']}")
    return "\n".join(lines)


def cmd_parse(args: argparse.Namespace) -> int:
    from .errors import IllFormedError, ParseError

    try:
        inputs = _Inputs()
        text = inputs.text(args.text)
        options = inputs.options(args)
        domain = _domain(args.kind)
    except CliError as exc:
        _error(str(exc))
        if args.json:
            _print_json({"kind": args.kind, "error": str(exc)})
        return EXIT_ERROR
    from . import api

    try:
        ast = api.parse(text, kind=args.kind, **options)
    except (ParseError, IllFormedError) as exc:
        label = "parse error" if isinstance(exc, ParseError) else "ill-formed"
        print(f"equivsolve: {label}: {exc}", file=sys.stderr)
        if args.json:
            _print_json(
                {
                    "kind": args.kind,
                    "error": f"{label}: {exc}",
                    "line": getattr(exc, "line", None),
                    "column": getattr(exc, "column", None),
                }
            )
        return EXIT_ERROR
    canonical = domain.render(ast)
    if args.json:
        _print_json({"kind": args.kind, "canonical": canonical})
    else:
        print(canonical, flush=True)
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from .runner import EngineUnavailableError, run_batch

    try:
        options = _pairs(args.option)
    except CliError as exc:
        _error(str(exc))
        return EXIT_ERROR
    try:
        with _terminate_gracefully():
            run_batch(
                args.input,
                args.output,
                kind=args.kind,
                workers=args.workers,
                timeout=args.timeout,
                engine=args.engine,
                progress=False if args.no_progress else None,
                options=options,
            )
    except EngineUnavailableError as exc:
        _error(str(exc))
        return EXIT_ERROR
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        _error(f"{exc.strerror or exc}{where}")
        return EXIT_ERROR
    except ValueError as exc:  # bad settings, output file = input file
        _error(str(exc))
        return EXIT_ERROR
    return 0


if __name__ == "__main__":  # pragma: no cover - `python -m equivsolve.cli`
    sys.exit(main())
