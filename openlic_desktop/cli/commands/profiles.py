"""`openlic profiles [--json]` — the bureau profiles known (code, name, bureau e-mail, minimum term). None found is
an error (exit 1): every install ships the general profile, so an empty list means a broken install."""

from __future__ import annotations

from openlic_desktop.services import profiles as profile_service
from openlic_desktop.support.errors import OpenLicError


def register(p) -> None:
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    profiles = profile_service.load_profiles()
    if not profiles:
        raise OpenLicError("PROFILES_NOT_FOUND", folders="；".join(str(f) for f in profile_service.profile_dirs()))
    active = profile_service.active_code()
    items = [{"code": p.code, "name": p.name, "province": p.province, "bureau": p.bureau, "email": p.email,
              "min_term_months": p.min_term_months, "email_limit_mb": p.email_limit_mb, "active": p.code == active}
             for p in sorted(profiles.values(), key=lambda p: (p.code != "general", p.code))]
    ctx.out.table(items, lambda p: (("* " if p["active"] else "  ") + p["code"], p["name"], p["bureau"] or "—",
                                    p["email"] or ctx.t("（未填写邮箱）", "(no e-mail)"),
                                    f"{ctx.t('最短许可期', 'min term')} {p['min_term_months']}"))
    return 0
