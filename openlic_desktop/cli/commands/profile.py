"""`openlic profile use CODE`; `openlic profile edit CODE FIELD=VALUE …` (bureau_name, email, email_limit_mb,
min_term_months, name, province) — choose the active bureau profile (check, export and new batches use it unless
--profile says), or write the user copy of a profile without editing files (cli.md)."""

from __future__ import annotations

from openlic_desktop.services import office
from openlic_desktop.services import profiles as profile_service


def register(p) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    actions.required = True
    a = actions.add_parser("use", help="the profile check, export and new batches use / 设为当前配置")
    a.add_argument("code")
    a.set_defaults(handler=run_use)
    a = actions.add_parser("edit", help="FIELD=VALUE … (bureau_name, email, email_limit_mb, …) into your copy / 修改")
    a.add_argument("code")
    a.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    a.set_defaults(handler=run_edit)


def run_use(args, ctx) -> int:
    profile = profile_service.use_profile(args.code)
    ctx.out.line(ctx.t(f"当前报送配置：{profile.name}（{profile.code}）", f"Active profile: {profile.name} ({profile.code})"))
    return 0


def run_edit(args, ctx) -> int:
    path = profile_service.edit_profile(args.code, office.parse_assignments(args.assignments))
    profile = profile_service.get_profile(args.code)
    ctx.out.line(ctx.t(f"已保存到 {path}", f"Saved to {path}"))
    ctx.out.line(ctx.t(f"受理单位：{profile.bureau or '—'}；收件邮箱：{profile.email or '—'}；"
                       f"邮件大小上限：{profile.email_limit_mb} MB",
                       f"Bureau: {profile.bureau or '—'}; e-mail: {profile.email or '—'}; "
                       f"e-mail limit: {profile.email_limit_mb} MB"))
    return 0
