"""Incremental JSON parsing of export files: the values at an ijson prefix, with bounded nesting and a shape check.

    stream = JsonStream("ext_inspera_candidates.item", max_depth=256)
    for chunk in body:
        stream.feed(chunk)
        records = stream.take()        # the candidate records completed so far
    stream.finish()                     # ExportFormatError if the document is cut short or has no such array

ijson's prefix-tracking parser keeps the whole prefix of every open level, so its memory grows with the square of
the nesting depth (a 60 kB file of `[` costs a gigabyte). This stream therefore runs ijson's C tokenizer alone,
counts the depth itself from the event stream and refuses a document nested deeper than `max_depth` before passing
the events on; it computes the prefixes of the shallow levels only (those above the records), and hands the events
to ijson's C record builder. That is also faster than ijson's own pipeline, which joins a prefix for every event.

While counting it checks the document's shape: for a prefix ending in `item`, the array holding the records
(`ext_inspera_candidates`) must appear and be an array, so a file of the wrong shape is an `ExportFormatError`
instead of zero records.

yajl lexes a token that spans chunks again from its start on every chunk, so one long string fed in 64 KiB
chunks costs time in the square of its length (16 MiB: over a second). While a long token is open (no event for
more than a MiB) the stream therefore holds chunks back and feeds them in pieces as large as the token so far, up
to 8 MiB, which keeps the cost linear and what is held bounded.
"""

from __future__ import annotations

from typing import Any

import ijson

from inspera.exports.errors import ExportFormatError

DEFAULT_MAX_DEPTH = 256

_BACKEND: Any = ijson.get_backend(ijson.backend_name)
_STARTS = frozenset({"start_map", "start_array"})
_ENDS = frozenset({"end_map", "end_array"})
_INSIDE = "\x00inside"
_HOLD_FROM = 1 << 20  # bytes without an event after which chunks are held back and fed in larger pieces
_HOLD_AT_MOST = 8 << 20  # prefix given to events below the records' level: never the prefix asked for
_TYPES = {"start_map": "an object", "start_array": "an array", "string": "a string", "number": "a number",
          "boolean": "a boolean", "null": "null"}


def bad_json(error: Exception) -> ExportFormatError:
    """The ExportFormatError for a parser error, on one short line (ijson quotes the document around the error)."""
    text = " ".join(str(error).split())
    return ExportFormatError(f"export file is not valid JSON: {text[:200]}")


class JsonStream:
    """Values at `prefix` from a JSON document fed in chunks; nesting beyond `max_depth` is refused."""

    def __init__(self, prefix: str, max_depth: int = DEFAULT_MAX_DEPTH) -> None:
        self.prefix = prefix
        self.max_depth = max_depth
        parts = prefix.split(".") if prefix else []
        self._levels = len(parts)  # the depth at which the values asked for sit
        container = parts[:-1] if parts and parts[-1] == "item" else None
        self._container = container
        # A container below another array ("a.item.b.item") may legitimately never appear (the outer array empty).
        self._required = container is not None and "item" not in container
        self.reset()

    def reset(self) -> None:
        """Start again from an empty document (a retried download)."""
        self._values: Any = ijson.sendable_list()
        self._events: Any = ijson.sendable_list()
        self._builder = _BACKEND.items_basecoro(self._values, self.prefix)
        self._tokens = _BACKEND.basic_parse_basecoro(self._events, use_float=True)
        self._depth = 0
        self._path: list[Any] = []  # one component per open level above the values' level: a key or "item"
        self._found = False
        self._quiet = 0  # bytes fed since the tokenizer last produced an event
        self._held: list[bytes] = []
        self._held_size = 0

    def feed(self, chunk: bytes) -> None:
        if self._quiet > _HOLD_FROM:
            self._held.append(chunk)
            self._held_size += len(chunk)
            if self._held_size < min(self._quiet, _HOLD_AT_MOST):
                return
            chunk = self._release()
        self._send(chunk)

    def _release(self) -> bytes:
        chunk = b"".join(self._held)
        self._held, self._held_size = [], 0
        return chunk

    def _send(self, chunk: bytes) -> None:
        try:
            self._tokens.send(chunk)
        except ijson.JSONError as error:
            raise bad_json(error) from None
        if self._events:
            self._quiet = 0
            self._route()
        else:
            self._quiet += len(chunk)

    def finish(self) -> None:
        """End of input: ExportFormatError for a document cut short, or without the records' array."""
        if self._held:
            self._send(self._release())
        try:
            self._tokens.close()
        except ijson.JSONError as error:
            raise bad_json(error) from None
        self._route()
        if self._required and not self._found:
            raise ExportFormatError(
                f"the export file has no {'.'.join(self._container or [])!r} array of records (prefix "
                f"{self.prefix!r}); its shape is not the one expected"
            )

    def take(self) -> list[Any]:
        """The values completed since the last call."""
        values: list[Any] = list(self._values)
        del self._values[:]
        return values

    def _route(self) -> None:
        events = self._events
        if not events:
            return
        send = self._builder.send
        depth, levels, limit, path = self._depth, self._levels, self.max_depth, self._path
        try:
            for event in events:
                kind = event[0]
                if depth > levels:  # inside a record (or a branch as deep): only the depth matters
                    if kind in _STARTS:
                        depth += 1
                        if depth > limit:
                            raise self._too_deep()
                    elif kind in _ENDS:
                        depth -= 1
                    send((_INSIDE, kind, event[1]))
                    continue
                if kind == "map_key":
                    send((".".join(path[: depth - 1]), kind, event[1]))
                    path[depth - 1] = event[1]
                    continue
                if kind in _ENDS:
                    if path and depth <= levels:
                        path.pop()
                    depth -= 1
                    send((".".join(path), kind, None))
                    continue
                if self._container is not None and depth == len(self._container) and path == self._container:
                    self._saw_container(kind)
                send((".".join(path), kind, event[1]))
                if kind in _STARTS:
                    depth += 1
                    if depth > limit:
                        raise self._too_deep()
                    if depth <= levels:
                        path.append("item" if kind == "start_array" else None)
        except ijson.JSONError as error:
            raise bad_json(error) from None
        finally:
            self._depth = depth
            del events[:]

    def _saw_container(self, kind: str) -> None:
        if kind != "start_array":
            raise ExportFormatError(
                f"the export file's {'.'.join(self._container or []) or 'top level'!r} is {_TYPES.get(kind, kind)}, "
                "not the array of records expected"
            )
        self._found = True

    def _too_deep(self) -> ExportFormatError:
        return ExportFormatError(
            f"the export file nests more than {self.max_depth} levels deep (max_depth={self.max_depth}); "
            "refused before parsing further"
        )
