MESSAGES = {
    "history.torn": {
        "en": "The last record in {path} was cut off (the computer stopped while writing it). It was set aside in {kept}; all other records are intact.",
        "zh": "{path} 的最后一条记录不完整（写入时电脑中断）。已将其移到 {kept}；其余记录完好。",
    },
    "history.torn_unrepaired": {
        "en": "The last record in {path} was cut off and is skipped; the next command that records something will set it aside.",
        "zh": "{path} 的最后一条记录不完整，已跳过；下次写入记录时会把它移到一旁。",
    },
    "history.bad_lines": {
        "en": "Some lines of {path} cannot be read and are skipped: line {lines}.",
        "zh": "{path} 中有些行无法读取，已跳过：第 {lines} 行。",
    },
    "history.json_or_csv": {"en": "Choose one of --json and --csv.", "zh": "--json 和 --csv 只能选一个。"},
    "history.empty": {"en": "Nothing recorded yet. `posguide record KIND` or a checklist adds events.",
                      "zh": "还没有任何记录。`posguide record 类别` 或完成检查清单会添加记录。"},
    "history.col.date": {"en": "Date", "zh": "日期"},
    "history.col.terminal": {"en": "Terminal", "zh": "终端"},
    "history.col.kind": {"en": "What", "zh": "事项"},
    "history.col.details": {"en": "Details", "zh": "详情"},
}
