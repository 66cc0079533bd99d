"""`openlic licensee add|list|import` — the licensee book (cli.md): companies by their unified social credit code
(validated, GB 32100-2015), people by their resident ID (GB 11643) or passport number."""

from __future__ import annotations

from openlic_desktop.services.licensing import licensees


def register(p) -> None:
    actions = p.add_subparsers(dest="licensee_command", metavar="ACTION", parser_class=type(p))
    actions.required = True
    a = actions.add_parser("add", help="add a licensee (an organisation or a person) / 登记被许可人")
    a.add_argument("--name", required=True)
    who = a.add_mutually_exclusive_group(required=True)
    who.add_argument("--uscc", default="", help="an organisation's unified social credit code / 统一社会信用代码")
    who.add_argument("--id-number", default="", help="a person's resident ID or passport number / 身份证或护照号码")
    a.add_argument("--id-type", choices=("resident_id", "passport"), default="",
                   help="what --id-number is (default: a resident ID when it has 18 characters of digits)")
    a.add_argument("--address", default="")
    a.add_argument("--contact", default="")
    a.add_argument("--legal-representative", default="")
    a.add_argument("--size", default="", help="large|medium|small|micro (大型/中型/小型/微型)")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_add)
    a = actions.add_parser("list", help="list licensees / 列出被许可人")
    a.add_argument("--search", default="")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_list)
    a = actions.add_parser("import", help="import licensees from xlsx/xls/csv / 导入被许可人")
    a.add_argument("file")
    a.add_argument("--sheet")
    a.add_argument("--dry-run", action="store_true")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_import)


def run_add(args, ctx) -> int:
    rec = licensees.add_licensee(ctx.ws, args.name, args.uscc, address=args.address, contact=args.contact,
                                 legal_representative=args.legal_representative, size=args.size,
                                 id_number=args.id_number, id_type=args.id_type)
    ctx.out.result(rec.to_json(), ctx.t(f"已登记被许可人：{rec.name}（{rec.identifier}）",
                                        f"Licensee added: {rec.name} ({rec.identifier})"))
    return 0


def run_list(args, ctx) -> int:
    items = licensees.list_licensees(ctx.ws, args.search)
    ctx.out.table(items, lambda r: (r.identifier, r.name, r.contact, r.licences), lambda r: r.to_json(),
                  footer=ctx.t(f"共 {len(items)} 个被许可人", f"{len(items)} licensees"))
    return 0


def run_import(args, ctx) -> int:
    result = licensees.import_licensees(ctx.ws, args.file, sheet=args.sheet, dry_run=args.dry_run, lang=ctx.lang)

    def lines():
        yield ctx.t(f"读取 {result.rows_read} 行：新增 {result.created}，更新 {result.updated}，"
                    f"未变 {result.unchanged}，拒绝 {result.rejected}",
                    f"{result.rows_read} rows read: {result.created} created, {result.updated} updated, "
                    f"{result.unchanged} unchanged, {result.rejected} rejected")
        for r in result.rejections:
            yield f"  {ctx.t('第', 'row ')}{r['row']}{ctx.t('行', '')}: {r['code']} {r['message']}"

    ctx.out.result(result.to_json(), lines)
    return 1 if result.rejected else 0
