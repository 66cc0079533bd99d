"""`openlic contract NUMBER... --licensee NAME_OR_USCC --out FILE.docx|DIR [--template FILE.docx] [--date DATE]
[--regime statutory|pilot] [--bureau NAME] [--override-blockers REASON] [--pdf] [--json]` — draft open-licence
contracts (cli.md): the licensors are the patentees of the patents; patents of different patentee sets are refused
into one .docx (exit 1), and a folder gets one contract per set. Each contract gets a unique number."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openlic_desktop.cli.arguments import date_arg
from openlic_desktop.services.licensing import drafting
from openlic_desktop.support.errors import InputError


def register(p) -> None:
    p.add_argument("numbers", nargs="+", metavar="NUMBER")
    p.add_argument("--licensee", required=True, metavar="NAME_OR_USCC")
    p.add_argument("--out", required=True, metavar="FILE.docx|DIR",
                   help="a .docx: one contract (the patents must share their patentees); a folder: one contract "
                        "per patentee set")
    p.add_argument("--template", metavar="FILE.docx")
    p.add_argument("--date", help="the day the contract takes effect (default: today)")
    p.add_argument("--regime", choices=("statutory", "pilot"), default="statutory",
                   help="statutory declaration (default) or provincial pilot listing / 开放许可声明或试点")
    p.add_argument("--bureau", default="", help="pilot: the bureau that published the offer (its full name)")
    p.add_argument("--override-blockers", metavar="REASON", default=None,
                   help="draft even for patents with blockers; they are printed on the first page and audited")
    p.add_argument("--pdf", action="store_true", help="also a PDF (needs LibreOffice)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def override_of(args, ctx):
    """The explicit override of blockers given on the command line (None when not given)."""
    if args.override_blockers is None:
        return None
    from openlic_desktop.domain.blocker_override import Override

    return Override(ctx.ws.user, args.override_blockers, date.today())


def run(args, ctx) -> int:
    from openlic_desktop.domain.licensing import Regime

    if args.template and not Path(args.template).is_file():
        raise InputError("FILE_NOT_FOUND", path=args.template)
    done = drafting.draft_contract(ctx.ws, args.numbers, args.licensee, args.out, template=args.template,
                                   effective=date_arg(args.date), pdf=args.pdf,
                                   regime=Regime(args.regime, args.bureau.strip()), override=override_of(args, ctx))
    folder = Path(args.out).suffix.lower() != ".docx"

    def lines():
        for d in done:
            yield ctx.t(f"已生成合同 {d.contract_number}：{d.path}（许可人：{'、'.join(d.licensors)}；模板版本 "
                        f"{d.template_version}，数据指纹 {d.data_sha256[:12]}）",
                        f"Contract {d.contract_number} written: {d.path} (licensors: {', '.join(d.licensors)}; "
                        f"template {d.template_version}, data {d.data_sha256[:12]})")
            if d.pdf:
                yield ctx.t(f"PDF：{d.pdf}", f"PDF: {d.pdf}")
            if d.overridden:
                yield ctx.t(f"  注意：{'、'.join(d.overridden)} 存在阻碍事项，已按指示起草并在首页列明",
                            f"  Note: {', '.join(d.overridden)} drafted despite blockers, listed on the first page")

    ctx.out.result([d.to_json() for d in done] if folder else done[0].to_json(), lines)
    return 0
