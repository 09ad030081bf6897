MESSAGES = {
    "init.intro": {
        "en": "Adding terminal '{name}'. Answer each question; press Enter to skip an optional one.",
        "zh": "正在添加终端“{name}”。请逐项回答；选填项可直接回车跳过。",
    },
    "init.use_force": {
        "en": "If it is right, run again with --force.",
        "zh": "如确认无误，请加 --force 重新运行。",
    },
    "init.missing": {
        "en": "Missing: {fields}. Give it on the command line (e.g. --purchased 2025-03-01), or run without --no-input in a terminal to be asked.",
        "zh": "缺少：{fields}。请在命令行中给出（如 --purchased 2025-03-01），或在终端中不加 --no-input 运行以逐项询问。",
    },
    "init.confirm_save": {"en": "Save this terminal?", "zh": "保存这台终端吗？"},
    "init.not_saved": {"en": "Not saved.", "zh": "未保存。"},
    "init.saved": {"en": "Saved terminal '{name}' in {path}.", "zh": "已保存终端“{name}”到 {path}。"},
    "init.is_default": {
        "en": "'{name}' is the default terminal.",
        "zh": "“{name}”为默认终端。",
    },
    "init.next": {
        "en": "Next: `posguide status` shows what is due. Cleaned, inspected or changed the admin password lately, or took a payment? Record it so those clocks start there, e.g. `posguide record maintenance --date 2026-11-01` (kinds: transaction, maintenance, inspection, password-change, software-update, fee-check).",
        "zh": "下一步：用 `posguide status` 查看需要处理的事项。最近做过清洁、检查、改管理密码或收过款？请记录下来，让提醒从那天算起，例如 `posguide record maintenance --date 2026-11-01`（类别：transaction、maintenance、inspection、password-change、software-update、fee-check）。",
    },
}
