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
    "init.name_taken": {
        "en": "This home already has a terminal named '{name}' (terminals: {names}). Give the new one a name of its own.",
        "zh": "这里已经有一台名为“{name}”的终端（已有：{names}）。请给新终端另起一个名字。",
    },
    "init.ask_name": {
        "en": "Name for the new terminal (letters, digits, Chinese, - or _; e.g. shop2)",
        "zh": "新终端的名称（字母、数字、汉字、- 或 _，如 shop2 或 二店）",
    },
    "init.name_still_taken": {
        "en": "'{name}' is taken too. Choose another name.",
        "zh": "“{name}”也已经有了，请换一个名字。",
    },
    "init.not_default": {
        "en": "The default terminal stays as it was. To work with '{name}', run `posguide terminal use {name}`, or add `--terminal {name}` to a command.",
        "zh": "默认终端没有变。要操作“{name}”，请运行 `posguide terminal use {name}`，或在命令后加上 `--terminal {name}`。",
    },
    "init.next_asked": {
        "en": "Next: `posguide status` shows what is due, each with the command that deals with it.",
        "zh": "下一步：运行 `posguide status`，查看需要处理的事项，每一项都附有处理命令。",
    },
    "init.last_intro": {
        "en": "When was each of these last done? posguide counts its reminders from that day. Type a date (YYYY-MM-DD, or today), or press Enter if you don't know.",
        "zh": "下面这些事上次是哪天做的？posguide 从那天开始算提醒。请输入日期（YYYY-MM-DD，或 today）；不知道就直接回车。",
    },
    "init.last.transaction": {"en": "When did it last take a payment?", "zh": "上次用它收款是哪天？"},
    "init.last.maintenance": {"en": "When was it last cleaned (card reader, printer)?", "zh": "上次清洁（读卡头、打印机）是哪天？"},
    "init.last.inspection": {"en": "When was it last looked over closely for tampering?", "zh": "上次仔细检查有无被篡改是哪天？"},
    "init.last.password-change": {"en": "When was the admin password last changed?", "zh": "上次修改管理密码是哪天？"},
    "init.last.software-update": {"en": "When was its software last updated?", "zh": "上次更新软件是哪天？"},
    "init.last.fee-check": {"en": "When was the fee taken last checked against the contract?", "zh": "上次对照合同核对手续费是哪天？"},
}
