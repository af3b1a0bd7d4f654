"""Read one mapping of a regulation file field by field, collecting every problem
(beancount style: report them all, stop at none)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from kongthun.clock import parse_iso_date
from kongthun.errors import DomainError
from kongthun.money import Satang, parse_baht
from kongthun.welfare.rules.source import Issue, Path, Source, path_text


class Fields:
    """The keys of one mapping at `path`; every getter records an Issue instead of raising."""

    def __init__(self, data: object, path: Path, source: Source, issues: list[Issue]) -> None:
        self.path, self.source, self.issues = path, source, issues
        self.used: set[str] = set()
        self._start = len(issues)
        self.data: dict = data if isinstance(data, dict) else {}
        if not isinstance(data, dict):
            self.issue((), "invalid.not_mapping", "ต้องเป็นชุดของ ชื่อ: ค่า", "Expected a mapping of name: value")

    @property
    def ok(self) -> bool:
        return len(self.issues) == self._start

    def issue(self, sub: Path, code: str, th: str, en: str) -> None:
        path = (*self.path, *sub)
        self.issues.append(Issue(code, th, en, path_text(path), self.source.line(path)))

    def _get(self, key: str, required: bool) -> object:
        self.used.add(key)
        value = self.data.get(key)
        if value is None and required and isinstance(self.data, dict):
            self.issue((key,), "invalid.missing", f"ไม่มี '{key}' ซึ่งต้องระบุ", f"'{key}' is required")
        return value

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def raw(self, key: str) -> object:
        self.used.add(key)
        return self.data.get(key)

    def text(self, key: str, *, required: bool = True, default: str | None = None) -> str | None:
        value = self._get(key, required)
        if value is None:
            return default
        if isinstance(value, dict | list) or str(value).strip() == "":
            self.issue((key,), "invalid.text", f"'{key}' ต้องเป็นข้อความ", f"'{key}' must be text")
            return default
        return str(value).strip()

    def money(self, key: str, *, required: bool = True) -> Satang | None:
        """An amount in baht in the file ('1,000', 1000, 200.50) -> satang, never negative."""
        value = self._get(key, required)
        if value is None:
            return None
        try:
            return parse_baht(value if isinstance(value, int | Decimal) else str(value), where=key)
        except DomainError as exc:
            self.issue((key,), exc.code, exc.message_th, exc.message_en)
            return None

    def integer(self, key: str, *, required: bool = True, minimum: int = 0) -> int | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.issue((key,), "invalid.integer", f"'{key}' ต้องเป็นจำนวนเต็มตั้งแต่ {minimum} ขึ้นไป",
                       f"'{key}' must be a whole number of at least {minimum}")
            return None
        return value

    def decimal(self, key: str, *, required: bool = True, low: Decimal | None = None,
                high: Decimal | None = None) -> Decimal | None:
        value = self._get(key, required)
        if value is None:
            return None
        try:
            number = Decimal(str(value)) if not isinstance(value, bool) else None
        except InvalidOperation:
            number = None
        if number is None or (low is not None and number < low) or (high is not None and number > high):
            span = f" ({low} - {high})" if low is not None and high is not None else ""
            self.issue((key,), "invalid.number", f"'{key}' ต้องเป็นตัวเลข{span}", f"'{key}' must be a number{span}")
            return None
        return number

    def date(self, key: str, *, required: bool = True):
        value = self._get(key, required)
        if value is None:
            return None
        try:
            return parse_iso_date(str(value), where=key)
        except DomainError as exc:
            self.issue((key,), exc.code, exc.message_th, exc.message_en)
            return None

    def choice(self, key: str, options: tuple[str, ...], *, default: str | None = None) -> str | None:
        value = self.text(key, required=default is None, default=default)
        if value is not None and value not in options:
            self.issue((key,), "invalid.choice", f"'{key}' ต้องเป็นค่าใดค่าหนึ่งใน {', '.join(options)}",
                       f"'{key}' must be one of {', '.join(options)}")
            return default
        return value

    def texts(self, key: str, *, required: bool = True) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or any(isinstance(x, dict | list) for x in value):
            self.issue((key,), "invalid.list", f"'{key}' ต้องเป็นรายการข้อความ", f"'{key}' must be a list of texts")
            return ()
        return tuple(str(x) for x in value)

    def items(self, key: str, *, required: bool = True) -> list[Fields]:
        """A list of mappings, each read with its own Fields."""
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list) or not value:
            self.issue((key,), "invalid.list", f"'{key}' ต้องเป็นรายการที่ไม่ว่าง", f"'{key}' must be a non-empty list")
            return []
        return [Fields(x, (*self.path, key, i), self.source, self.issues) for i, x in enumerate(value)]

    def finish(self, extra: tuple[str, ...] = ()) -> None:
        """Report keys nobody read: usually a typo that would silently change a rule."""
        for key in self.data:
            if key not in self.used and key not in extra:
                self.issue((key,), "invalid.unknown_key", f"ไม่รู้จัก '{key}' (พิมพ์ผิดหรือไม่)",
                           f"Unknown key '{key}' (a typo?)")
