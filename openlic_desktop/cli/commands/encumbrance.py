"""`openlic encumbrance add|consent|list|remove` — licences, pledges, disputes, preservations and transfers recorded
against a patent; a pledgee's signed consent attached to its pledge (`add --kind pledge --consent-file FILE`, or
`consent ID --file FILE` for a pledge on record) (cli.md)."""

from __future__ import annotations

from openlic_desktop.cli.arguments import date_arg
from openlic_desktop.domain.readiness import ENCUMBRANCE_KINDS
from openlic_desktop.services import encumbrances


def register(p) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    actions.required = True
    a = actions.add_parser("add", help="record an encumbrance / 登记权利负担")
    a.add_argument("number")
    a.add_argument("--kind", required=True, choices=ENCUMBRANCE_KINDS)
    a.add_argument("--start")
    a.add_argument("--end")
    a.add_argument("--party", default="")
    a.add_argument("--registration-no", default="")
    a.add_argument("--consent", action="store_true", help="pledge: the pledgee agreed in writing")
    a.add_argument("--consent-file", metavar="FILE",
                   help="pledge: the pledgee's signed consent (PDF/OFD/JPEG/PNG), attached / 质权人同意书")
    a.add_argument("--note", default="", help="what an other-obstacle is / 其他妨碍实施情形的说明")
    a.set_defaults(handler=run_add)
    a = actions.add_parser("consent", help="attach the pledgee's signed consent to a pledge / 附质权人同意书")
    a.add_argument("id", type=int, help="the pledge's id (encumbrance list)")
    a.add_argument("--file", required=True, help="the signed consent (PDF/OFD/JPEG/PNG)")
    a.set_defaults(handler=run_consent)
    a = actions.add_parser("list", help="encumbrances of a patent / 列出权利负担")
    a.add_argument("number")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_list)
    a = actions.add_parser("remove", help="remove a mistaken record by its id / 删除误录的权利负担")
    a.add_argument("id", type=int)
    a.set_defaults(handler=run_remove)


def run_add(args, ctx) -> int:
    info = encumbrances.add_encumbrance(ctx.ws, args.number, args.kind, args.party, args.registration_no,
                                        date_arg(args.start), date_arg(args.end), args.consent, args.note,
                                        consent_file=args.consent_file)
    ctx.out.line(ctx.t(f"已登记：{info.summary('zh')}", f"Recorded: {info.summary('en')}"))
    return 0


def run_consent(args, ctx) -> int:
    done = encumbrances.attach_pledgee_consent(ctx.ws, args.id, args.file)
    ctx.out.line(ctx.t(f"已附质权人同意书：{done.pledge.summary('zh')}",
                       f"The pledgee's consent attached: {done.pledge.summary('en')}"))
    return 0


def run_list(args, ctx) -> int:
    items = encumbrances.list_encumbrances_by_number(ctx.ws, args.number)
    ctx.out.table(items, lambda e: (e.id, e.summary(ctx.lang)),
                  lambda e: {"id": e.id, "kind": e.kind, "party": e.party, "registration_no": e.registration_no,
                             "start": e.start.isoformat() if e.start else None,
                             "end": e.end.isoformat() if e.end else None, "consent": e.consent})
    return 0


def run_remove(args, ctx) -> int:
    info = encumbrances.remove_encumbrance(ctx.ws, args.id)
    ctx.out.line(ctx.t(f"已删除：{info.summary('zh')}", f"Removed: {info.summary('en')}"))
    return 0
