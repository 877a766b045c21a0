"""Griffe extension: show a namespace method as users call it, with the operation it sends.

A namespace declares each method as a builder returning `Call[T]` under `@operation("METHOD /path", ...)`;
the client's method returns `T` (awaitable on `AsyncInspera`). The reference shows `T` and the "METHOD /path".
"""

from __future__ import annotations

import ast
from typing import Any

from griffe import Docstring, ExprSubscript, Extension, Function


class NamespaceMethods(Extension):
    """Rewrite the return annotation and extend the docstring of every `@operation` builder."""

    def on_function_instance(self, *, node: ast.AST | Any, func: Function, agent: Any, **kwargs: Any) -> None:
        for decorator in func.decorators:
            call = decorator.value
            text = str(call)
            if not text.startswith("operation("):
                continue
            endpoint = ast.literal_eval(text[len("operation("):].split(",", 1)[0])
            returns = func.returns
            if isinstance(returns, ExprSubscript) and str(returns.left) == "Call":
                func.returns = returns.slice
            line = f"Sends `{endpoint}`."
            if func.docstring is None:
                func.docstring = Docstring(line, parent=func)
            else:
                func.docstring.value = f"{func.docstring.value}\n\n{line}"
