"""One error type for the whole product (ข้อผิดพลาด).

Every refusal carries a stable code, a Thai and an English message, and where the
problem is (a field, a row and column, an account). Adapters map it once: HTTP
problem+json in the API, a message in the web app, an exit code in the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DomainError(Exception):
    code: str
    message_th: str
    message_en: str
    where: str = ""
    details: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        at = f" [{self.where}]" if self.where else ""
        return f"{self.code}: {self.message_th} / {self.message_en}{at}"

    def message(self, language: str = "th") -> str:
        return self.message_en if language.startswith("en") else self.message_th


# Exit codes the CLI uses for a DomainError, by the first part of the code.
EXIT_CODES = {"invalid": 2, "forbidden": 3, "not_found": 4, "conflict": 5, "integrity": 6}
HTTP_STATUS = {"invalid": 422, "forbidden": 403, "not_found": 404, "conflict": 409, "integrity": 500}


def error_kind(code: str) -> str:
    return code.split(".", 1)[0]


def choice(enum_type, value, *, where: str = ""):
    """`enum_type(value)`, refusing an unknown value with a DomainError instead of a bare ValueError."""
    try:
        return enum_type(value)
    except ValueError:
        options = ", ".join(str(m.value) for m in enum_type)
        raise DomainError(
            "invalid.choice",
            f"'{value}' ไม่ใช่ตัวเลือกที่ใช้ได้ ({options})",
            f"'{value}' is not one of: {options}",
            where,
        ) from None


def require_idempotency_key(key: str | None) -> None:
    """Refuse a write a client may retry when it comes without its idempotency key (รหัสป้องกันการส่งซ้ำ)."""
    if not key or not key.strip():
        raise DomainError("invalid.idempotency_key", "ต้องมีรหัสป้องกันการส่งซ้ำ", "An idempotency key is required",
                          "idempotency_key")
