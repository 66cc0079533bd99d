"""`openlic attach-dir DIR --kind evaluation-report|search-report|consent|sealed-commitment [--dry-run] [--json]`
— every file of a folder attached to the patent its name (or a PDF's first page) names; consent letters named by
co-owner record that co-owner's consent. A preview first (`--dry-run` stops there); exit 1 when files were left
ambiguous, unmatched or refused (cli.md)."""

from __future__ import annotations

from openlic_desktop.services import evidence

STATUS_WORDS = {"matched": ("匹配", "matched"), "ambiguous": ("多义", "ambiguous"), "unmatched": ("未匹配", "unmatched"),
                "duplicate": ("重复", "duplicate"), "already": ("已有", "already attached"),
                "refused": ("拒收", "refused")}
CONCLUSION_WORDS = {"favourable": ("未发现缺陷", "favourable"), "unfavourable": ("存在缺陷", "unfavourable"),
                    None: ("结论待补录", "conclusion to fill in")}


def register(p) -> None:
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--kind", required=True, choices=evidence.FOLDER_KINDS)
    p.add_argument("--dry-run", action="store_true", help="show what would be attached; nothing written")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def _line(ctx, f: evidence.EvidenceFile) -> str:
    target = "、".join(n for _pid, n in f.patents) or "、".join(f.candidates)
    extra = ""
    if f.details is not None and f.status == "matched":
        d = f.details
        extra = "  " + " ".join(x for x in (d.report_no, d.report_date.isoformat() if d.report_date else "",
                                            ctx.t(*CONCLUSION_WORDS[d.conclusion])) if x)
    if f.owner:
        extra += "  " + ctx.t(f"共有人同意：{f.owner}", f"consent of {f.owner}")
    if f.status == "duplicate":
        extra += "  " + ctx.t(f"与 {f.duplicate_of} 内容相同", f"same as {f.duplicate_of}")
    reason = f"  {f.reason(ctx.lang)}" if f.code else ""
    return f"[{ctx.t(*STATUS_WORDS[f.status])}] {f.name}\t{target}{extra}{reason}"


def run(args, ctx) -> int:
    plan = evidence.preview(ctx.ws, args.folder, args.kind)
    result = None if args.dry_run or not plan.to_attach else evidence.attach(ctx.ws, plan)
    data = plan.to_json(ctx.lang)
    data["dry_run"] = bool(args.dry_run)
    if result is not None:
        data["consents"] = result.consents

    def lines():
        yield from (_line(ctx, f) for f in plan.files)
        n = {s: len(plan.of(s)) for s in evidence.folder.STATUSES}
        head = ctx.t("预览（未写入）：", "Preview (nothing written): ") if args.dry_run else ""
        yield head + ctx.t(
            f"匹配 {n['matched']} 个文件（{plan.to_attach} 件专利），多义 {n['ambiguous']}，未匹配 {n['unmatched']}，"
            f"重复 {n['duplicate']}，已有 {n['already']}，拒收 {n['refused']}",
            f"Matched {n['matched']} files ({plan.to_attach} patents), ambiguous {n['ambiguous']}, unmatched "
            f"{n['unmatched']}, duplicates {n['duplicate']}, already attached {n['already']}, refused {n['refused']}")
        pending = [f for f in plan.of("matched") if f.details is not None and f.details.conclusion is None]
        if pending:
            yield ctx.t(f"{len(pending)} 份报告未读出结论，已添加，请补录（openlic check 显示 EVALUATION_REPORT_DETAILS_MISSING）",
                        f"{len(pending)} reports without a readable conclusion were attached; fill it in "
                        "(openlic check shows EVALUATION_REPORT_DETAILS_MISSING)")

    ctx.out.result(data, lines)
    return 1 if plan.of("ambiguous") + plan.of("unmatched") + plan.of("refused") else 0
