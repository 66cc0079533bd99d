"""Messages for the portfolio statistics (`openlic stats`, the dashboard, the statistics workbook)."""

MESSAGES = {
    "STATS_OUT_NOT_XLSX": (
        "统计表只能保存为 .xlsx 文件：{path}",
        "The statistics workbook can only be saved as an .xlsx file: {path}",
    ),
}
