MESSAGES = {
    "terminal.list_title": {"en": "{count} terminals", "zh": "共 {count} 台终端"},
    "terminal.list_title_one": {"en": "{count} terminal", "zh": "共 {count} 台终端"},
    "terminal.default_note": {"en": "* the default terminal", "zh": "* 为默认终端"},
    "terminal.now_default": {"en": "'{name}' is now the default terminal.", "zh": "“{name}”已设为默认终端。"},
    "terminal.remove_needs_yes": {
        "en": "Removing '{name}' needs confirmation: run again with --yes.",
        "zh": "删除“{name}”需要确认：请加 --yes 重新运行。",
    },
    "terminal.remove_confirm": {
        "en": "Remove terminal '{name}' from the profile? (Its history is kept.)",
        "zh": "从资料中删除终端“{name}”吗？（历史记录会保留。）",
    },
    "terminal.not_removed": {"en": "Not removed.", "zh": "未删除。"},
    "terminal.removed": {"en": "Removed terminal '{name}'.", "zh": "已删除终端“{name}”。"},
}
