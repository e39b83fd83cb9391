"""Accounts: users with one role each, argon2 password hashes. No Flask here: the CLI uses it too."""

from __future__ import annotations

__all__ = ["ROLES", "AccountError", "Accounts", "normalise_email"]

import re
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from designer.errors import DesignerError, NotFound
from designer.models import ROLES, UserRow, table_of, utcnow

_USERS = table_of(UserRow)
#: What ends every sign-in an account has made so far (each cookie carries the epoch it was made in).
_END_SIGN_INS = {"sign_in_epoch": _USERS.c.sign_in_epoch + 1}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 10
_hasher = PasswordHasher()
# Verifying against this when the email is unknown costs the same as a real check, so the time a
# failed login takes doesn't tell whether the account exists.
_DUMMY_HASH = _hasher.hash("designer-no-such-user")


class AccountError(DesignerError):
    """An account can't be made or changed as asked; the message names the field."""


def normalise_email(email: str) -> str:
    """Emails compare without case or surrounding space."""
    return email.strip().lower()


class Accounts:
    """The users of one database."""

    def __init__(self, engine: Engine, hasher: PasswordHasher | None = None):
        self.engine = engine
        self._hasher = hasher or _hasher

    def add(self, email: str, password: str, role: str = "candidate", name: str = "") -> UserRow:
        """Create an account.

        Raises
        ------
        AccountError
            For a malformed email, an unknown role, a short password or an email already taken.
        """
        email = normalise_email(email)
        if not _EMAIL.match(email) or len(email) > 320:
            raise AccountError(f"email: {email!r} is not an email address")
        if role not in ROLES:
            raise AccountError(f"role: expected one of {', '.join(ROLES)}, got {role!r}")
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"password: at least {MIN_PASSWORD} characters, got {len(password)}")
        values: dict[str, Any] = {
            "email": email,
            "name": name.strip()[:200],
            "role": role,
            "password_hash": self._hasher.hash(password),
            "active": True,
            "created_at": utcnow(),
        }
        try:
            with self.engine.begin() as conn:
                new_id = conn.execute(insert(_USERS).values(**values).returning(_USERS.c.id)).scalar_one()
        except IntegrityError:
            raise AccountError(f"email: there is already an account for {email}") from None
        return UserRow(id=new_id, **values)

    def get(self, user_id: int) -> UserRow:
        """Return the account, or raise :class:`NotFound`."""
        with self.engine.connect() as conn:
            found = conn.execute(select(_USERS).where(_USERS.c.id == user_id)).mappings().first()
        if found is None:
            raise NotFound(f"There is no user {user_id}.")
        return UserRow(**found)

    def by_email(self, email: str) -> UserRow | None:
        """The account with this email, if any."""
        with self.engine.connect() as conn:
            found = (
                conn.execute(select(_USERS).where(_USERS.c.email == normalise_email(email)))
                .mappings()
                .first()
            )
        return UserRow(**found) if found else None

    def authenticate(self, email: str, password: str) -> UserRow | None:
        """The active account these credentials open, or None (without saying which part was wrong)."""
        user = self.by_email(email)
        try:
            self._hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        if user is None or not user.active:
            return None
        if user.id is not None and self._hasher.check_needs_rehash(user.password_hash):
            self._set(user.id, password_hash=self._hasher.hash(password))  # parameters got stronger since
        return user

    def all(self) -> list[UserRow]:
        """Every account, by email."""
        with self.engine.connect() as conn:
            return [UserRow(**m) for m in conn.execute(select(_USERS).order_by(_USERS.c.email)).mappings()]

    def count(self, role: str | None = None) -> int:
        query = select(func.count()).select_from(_USERS)
        if role:
            query = query.where(_USERS.c.role == role, _USERS.c.active.is_(True))
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def set_role(self, user_id: int, role: str) -> UserRow:
        """Change an account's role; the last active admin can't stop being one."""
        if role not in ROLES:
            raise AccountError(f"role: expected one of {', '.join(ROLES)}, got {role!r}")
        user = self.get(user_id)
        if user.role == "admin" and role != "admin" and self.count("admin") <= 1:
            raise AccountError("role: this is the last admin; make another admin first")
        self._set(user_id, role=role)
        return self.get(user_id)

    def set_active(self, user_id: int, active: bool) -> UserRow:
        """Turn an account off (it can't sign in) or on again; the last admin stays on."""
        user = self.get(user_id)
        if not active and user.role == "admin" and self.count("admin") <= 1:
            raise AccountError("active: this is the last admin; make another admin first")
        self._set(user_id, active=active, **({} if active else _END_SIGN_INS))
        return self.get(user_id)

    def set_password(self, user_id: int, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"password: at least {MIN_PASSWORD} characters, got {len(password)}")
        self._set(user_id, password_hash=self._hasher.hash(password), **_END_SIGN_INS)

    def end_sign_ins(self, user_id: int) -> None:
        """End every sign-in of this account made so far (signing out does, on every device)."""
        self._set(user_id, **_END_SIGN_INS)

    def _set(self, user_id: int, **values) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(_USERS).where(_USERS.c.id == user_id).values(**values))
