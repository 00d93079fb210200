"""The ``medkg`` command.

Subcommands live in :mod:`medkg.commands` and are imported only when called, so
``medkg --help`` stays fast. Exit codes, in one place: 0 ok, 1 the data fails SHACL
(a Violation), 2 usage or input errors, 3 an internal error (a bug in medkg or a library it
uses: reported in one line with its kind, never passed off as a verdict on the data).
``MEDKG_DEBUG=1`` prints the traceback of an internal error.
"""

from __future__ import annotations

import os
import sys
import traceback
from importlib import import_module

import click

from medkg.errors import MedkgError

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

#: command name -> ("module:attribute", one-line summary shown by ``medkg --help``)
COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("medkg.commands.build:build", "Build graphs from articles or records."),
    "validate": ("medkg.commands.validate:validate", "Check built graphs against the SHACL shapes."),
    "export": ("medkg.commands.export:export", "Convert built graphs to other formats."),
    "eval": ("medkg.commands.evaluate:evaluate", "Build articles and grade them against gold files."),
    "lexicon": ("medkg.commands.lexicon:lexicon", "Inspect or rebuild the terminology lexicon."),
    "stats": ("medkg.commands.stats:stats", "Counts and most shared findings of built graphs."),
    "load": ("medkg.commands.store:load", "Load built graphs into a persistent SPARQL store."),
    "query": ("medkg.commands.store:query", "Run a SPARQL query on a store or on graph files."),
    "serve": ("medkg.commands.serve:serve", "Serve a store as a read-only SPARQL endpoint."),
    "push": ("medkg.commands.push:push", "Upload graphs to a triple store (Graph Store Protocol)."),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (target, _) in COMMANDS.items() if _importable(target)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not _importable(COMMANDS[cmd_name][0]):
            return None
        module, _, attr = COMMANDS[cmd_name][0].partition(":")
        return getattr(import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _importable(target: str) -> bool:
    from importlib.util import find_spec

    return find_spec(target.partition(":")[0]) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "show_default": True})
@click.version_option(package_name="medkg")
def cli() -> None:
    """Turn consumer-health articles into a validated medical knowledge graph.

    \b
    Example:
      medkg build examples/iron-deficiency-anemia.yaml -o out/
      medkg validate out/iron-deficiency-anemia.ttl
    """


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; every error becomes one line on stderr and its exit code (see the module docstring)."""
    try:
        status = cli.main(args=argv, prog_name="medkg", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.Abort:
        click.echo("medkg: aborted", err=True)
        return EXIT_USAGE
    except click.UsageError as err:
        command = f" {err.ctx.command_path.removeprefix('medkg ')}" if err.ctx and err.ctx.parent else ""
        click.echo(f"medkg: error: {one_line(err.format_message())} (see `medkg{command} --help`)", err=True)
        return EXIT_USAGE
    except click.ClickException as err:
        click.echo(f"medkg: error: {one_line(err.format_message())}", err=True)
        return err.exit_code if err.exit_code != 1 else EXIT_USAGE
    except MedkgError as err:
        click.echo(f"medkg: error: {one_line(str(err))}", err=True)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # the boundary: whatever escaped is a bug, reported as one, with its own exit code
        debug_traceback()
        click.echo(f"medkg: internal error: {describe(err)}", err=True)
        return EXIT_INTERNAL
    return status if isinstance(status, int) else EXIT_OK


def debug_traceback() -> None:
    """With ``MEDKG_DEBUG`` set, print the traceback of the exception being handled (to stderr)."""
    if os.environ.get("MEDKG_DEBUG"):
        traceback.print_exc()


def describe(err: BaseException) -> str:
    """An unexpected exception in one line: its kind, its message and its notes (which name the input).

    >>> err = RecursionError("maximum recursion depth exceeded")
    >>> err.add_note("while reading page.html")
    >>> describe(err)
    'RecursionError: maximum recursion depth exceeded (while reading page.html)'
    """
    notes = " ".join(getattr(err, "__notes__", ()))
    text = one_line(str(err)) or "(no message)"
    return f"{type(err).__name__}: {text}" + (f" ({one_line(notes)})" if notes else "")


def one_line(text: str, limit: int = 600) -> str:
    """``text`` on one line, cut to ``limit`` characters.

    >>> one_line("a\\n  b")
    'a b'
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


if __name__ == "__main__":
    sys.exit(main())
