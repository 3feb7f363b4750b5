"""Who is calling: the bearer token's principal, and the role an endpoint needs.

401 when there is no valid token, 403 when the token's role may not call the
endpoint; both answer in Chinese and name the role needed.  No endpoint that
writes or decides is open without a token.
"""

from __future__ import annotations

from fastapi import Request

from .tokens import Principal, verify

ROLE_NAMES = {
    "dispatch": "dispatch（派单系统）",
    "department": "department:<部门>（职能部门）",
    "secretariat": "secretariat（审定机构秘书处）",
    "town": "town:<镇街>（镇街）",
    "auditor": "auditor（审计）",
}
DECIDERS = ("dispatch", "department", "town")
READERS = ("dispatch", "department", "secretariat", "town", "auditor")


class Denied(Exception):
    """A request without a valid token (401) or with one whose role may not call (403)."""

    def __init__(self, status: int, message: str, needed: tuple[str, ...]):
        super().__init__(message)
        self.status = status
        self.message = message
        self.needed = needed

    def as_dict(self) -> dict:
        return {"error": "unauthorized" if self.status == 401 else "forbidden",
                "message": self.message, "roles_needed": list(self.needed)}


def needed_text(roles: tuple[str, ...]) -> str:
    return "、".join(ROLE_NAMES[r] for r in roles)


def principal_of(request: Request, roles: tuple[str, ...]) -> Principal:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    principal = None
    if scheme.lower() == "bearer" and token.strip():
        principal = verify(request.app.state.service.config(), token.strip())
    if principal is None:
        why = "缺少访问令牌" if not header else "访问令牌无效或已吊销"
        raise Denied(401, f"{why}：请在 Authorization 头中以 Bearer 方式提供令牌。本接口需要角色：{needed_text(roles)}。",
                     roles)
    if principal.role not in roles:
        raise Denied(403, f"令牌角色 {principal.name} 无权调用本接口，需要角色：{needed_text(roles)}。", roles)
    return principal


def forbid_other(principal: Principal, role: str, scope: str | None, what: str) -> None:
    """A scoped role acts only for its own department or town."""
    if principal.role == role and principal.scope != scope:
        raise Denied(403, f"令牌角色 {principal.name} 只能{what}本{'部门' if role == 'department' else '镇街'}的"
                          f"（此处为 {scope or '未填写'}），需要角色：{role}:{scope or '<id>'}。", (role,))
