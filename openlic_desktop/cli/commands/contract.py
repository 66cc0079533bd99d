"""`openlic contract NUMBER... --licensee NAME_OR_USCC --out FILE.docx [--template FILE.docx] [--date DATE] [--pdf]
[--json]` — draft an open-licence contract (cli.md): one per patentee set; `--out` a folder writes one each."""

from __future__ import annotations

from pathlib import Path

from openlic_desktop.cli.arguments import date_arg
from openlic_desktop.services.licensing import drafting
from openlic_desktop.support.errors import InputError


def register(p) -> None:
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    p.add_argument("--licensee", required=True, metavar="NAME_OR_USCC")
    p.add_argument("--out", required=True, metavar="FILE.docx")
    p.add_argument("--template", metavar="FILE.docx")
    p.add_argument("--date", help="the day the contract takes effect (default: today)")
    p.add_argument("--pdf", action="store_true", help="also a PDF (needs LibreOffice)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args, ctx) -> int:
    if args.template and not Path(args.template).is_file():
        raise InputError("FILE_NOT_FOUND", path=args.template)
    done = drafting.draft_contract(ctx.ws, args.numbers, args.licensee, args.out, template=args.template,
                                    effective=date_arg(args.date), pdf=args.pdf)

    def lines():
        yield ctx.t(f"已生成合同：{done.path}（模板版本 {done.template_version}，数据指纹 {done.data_sha256[:12]}）",
                    f"Contract written: {done.path} (template {done.template_version}, data "
                    f"{done.data_sha256[:12]})")
        if done.pdf:
            yield ctx.t(f"PDF：{done.pdf}", f"PDF: {done.pdf}")

    ctx.out.result(done.to_json(), lines)
    return 0
