"""Read a regulation file (YAML, or JSON which YAML also reads) into plain data, keeping
the line of every value so an error can say where it is. Numbers never become floats:
a YAML float is read as a Decimal, dates stay text until they are checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import yaml

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Issue:
    """One problem in a regulation file: what (code, Thai, English) and where (path, line)."""

    code: str
    message_th: str
    message_en: str
    path: str = ""
    line: int | None = None

    def where(self) -> str:
        at = f"line {self.line}" if self.line else ""
        return ", ".join(x for x in (self.path, at) if x)

    def __str__(self) -> str:
        return f"{self.where()}: {self.message_th} / {self.message_en}"


@dataclass
class Source:
    """The document as plain data, with a line for each path (1-based)."""

    data: object
    lines: dict[Path, int] = field(default_factory=dict)

    def line(self, path: Path) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


def path_text(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read(text: str) -> tuple[Source | None, list[Issue]]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [Issue("invalid.syntax", f"อ่านไฟล์ไม่ได้: {problem}", f"Cannot read the file: {problem}", "",
                            line)]
    source = Source(None)
    if node is None:
        return source, []
    source.data = _convert(node, (), source.lines)
    return source, []


def _convert(node: yaml.Node, path: Path, lines: dict[Path, int]) -> object:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            out[key] = _convert(value_node, (*path, key), lines)
            lines[(*path, key)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), lines) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> object:
    tag = node.tag.rsplit(":", 1)[-1]
    value = node.value
    if tag == "int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == "float":
        try:
            return Decimal(value.replace("_", ""))
        except InvalidOperation:
            return value
    if tag == "bool":
        return value.lower() in ("yes", "true", "on", "y")
    if tag == "null":
        return None
    return value  # str, and timestamps kept as text
