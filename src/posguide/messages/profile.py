MESSAGES = {
    "profile.file_header": {
        "en": "# posguide profile. Edit with `posguide profile edit` so it is checked before saving.",
        "zh": "# posguide 资料文件。请用 `posguide profile edit` 修改，保存前会自动检查。",
    },
    "profile.unreadable": {
        "en": "Cannot read {path}: {detail}\nThe file was left as it is. Fix it with `posguide profile edit` or a text editor.",
        "zh": "无法读取 {path}：{detail}\n文件保持原样未动。请用 `posguide profile edit` 或文本编辑器修正。",
    },
    "profile.restore_backup": {
        "en": "Or go back to the last good copy (changes since then are lost):\n  cp '{backup}' '{path}'",
        "zh": "或者恢复上一个正常的备份（此后的修改会丢失）：\n  cp '{backup}' '{path}'",
    },
    "profile.not_utf8": {"en": "it is not UTF-8 text.", "zh": "它不是 UTF-8 文本。"},
    "profile.too_deep": {
        "en": "its tables or lists are nested too deeply to read; it was not written by posguide.",
        "zh": "其中的表或列表嵌套过深，无法读取；这不是 posguide 写出的文件。",
    },
    "profile.bad_schema": {
        "en": "schema is {found}, this posguide reads schema {expected} (was it written by a newer version?).",
        "zh": "schema 为 {found}，本版本只能读取 schema {expected}（是否由更新版本写入？）。",
    },
    "profile.at_line": {"en": "line {line}: {detail}", "zh": "第 {line} 行：{detail}"},
    "profile.bad_key": {"en": "{key}: {problem}", "zh": "{key}：{problem}"},
    "profile.bad_type": {"en": "expected {expected}", "zh": "应为{expected}"},
    "profile.type.dict": {"en": "a table ([...] section)", "zh": "一个表（[...] 小节）"},
    "profile.type.str": {"en": "text in quotes", "zh": "加引号的文字"},
    "profile.type.int": {"en": "a whole number", "zh": "整数"},
    "profile.type.date": {"en": "a date such as 2026-01-31 (no quotes)", "zh": "日期，如 2026-01-31（不加引号）"},
    "profile.unknown_key_short": {"en": "unknown key", "zh": "未知的键"},
    "profile.default_missing": {"en": "names no terminal in this file", "zh": "所指的终端在文件中不存在"},
    "profile.policy_keys": {"en": "unknown policy; known: {keys}", "zh": "未知的规则项；可用：{keys}"},
    "profile.policy_value": {"en": "a whole number of days from 0 to 3650", "zh": "应为 0 到 3650 之间的天数"},
    "profile.policy_order": {
        "en": "{warn} ({warn_days} days) is longer than {critical} ({critical_days} days): a clock would turn critical before it warns. Make the warn interval the shorter one.",
        "zh": "{warn}（{warn_days} 天）比 {critical}（{critical_days} 天）还长：这样会先标为严重，之后才提醒。请把提醒天数设得比严重天数小。",
    },
    "profile.schema_missing": {"en": "missing", "zh": "缺失"},
    "profile.comment_card": {
        "en": "a comment looks like it holds a bank card number. posguide never stores card numbers: remove it.",
        "zh": "有一条注释像是含有银行卡号。posguide 从不保存卡号：请删掉它。",
    },
    "profile.comment_secret": {
        "en": "a comment looks like it holds a PIN or password. posguide never stores them: remove it.",
        "zh": "有一条注释像是含有密码或 PIN。posguide 从不保存这些：请删掉它。",
    },
    "profile.unknown_key": {
        "en": "Unknown key '{key}'. Keys: {keys}.",
        "zh": "未知的键“{key}”。可用的键：{keys}。",
    },
    "profile.no_terminals": {
        "en": "No terminal yet. Add one with `posguide init`.",
        "zh": "还没有终端。请先用 `posguide init` 添加。",
    },
    "profile.none_yet": {
        "en": "No terminal profile yet. Add your terminal with `posguide init`, or see an example with `posguide status --demo`.",
        "zh": "还没有终端资料。请用 `posguide init` 添加终端，或用 `posguide status --demo` 看示例。",
    },
    "profile.no_such_terminal": {
        "en": "There is no terminal named '{name}'. Terminals: {names}.",
        "zh": "没有名为“{name}”的终端。现有终端：{names}。",
    },
    "profile.which_terminal": {
        "en": "Several terminals and no default: choose one with --terminal NAME or `posguide terminal use NAME`. Terminals: {names}.",
        "zh": "有多台终端且未设默认：请用 --terminal 名称 指定，或用 `posguide terminal use 名称` 设为默认。现有终端：{names}。",
    },
    "profile.exists": {
        "en": "A terminal named '{name}' already exists. Choose another with --name.",
        "zh": "已有名为“{name}”的终端。请用 --name 换一个名称。",
    },
    "profile.no_rename": {
        "en": "A terminal's name cannot be changed with `profile set` (its history is kept under that name).",
        "zh": "终端名称不能用 `profile set` 修改（历史记录按名称保存）。",
    },
    "profile.cannot_unset": {
        "en": "'{key}' is required and cannot be removed; set a new value with `posguide profile set {key} VALUE`.",
        "zh": "“{key}”为必填项，不能删除；可用 `posguide profile set {key} 新值` 修改。",
    },
    "profile.set_done": {
        "en": "{name}: {key} changed from {old} to {new}.",
        "zh": "{name}：{key} 已由 {old} 改为 {new}。",
    },
    "profile.unset_done": {"en": "{name}: {key} removed.", "zh": "{name}：已删除 {key}。"},
    "profile.not_changed": {"en": "Nothing was changed.", "zh": "未做任何修改。"},
    "profile.editor_quote": {"en": "a quotation mark is not closed", "zh": "引号没有配对"},
    "profile.editor_exit": {"en": "exit code {code}", "zh": "退出码 {code}"},
    "profile.editor_failed": {
        "en": "The editor '{editor}' did not finish ({error}); nothing was changed. Set $EDITOR (on Windows %EDITOR%) to an editor you have.",
        "zh": "编辑器“{editor}”未正常结束（{error}）；未做任何修改。请把 $EDITOR（Windows 上为 %EDITOR%）设为已安装的编辑器。",
    },
    "profile.edit_invalid": {
        "en": "Your edit was not saved: {error}\nprofile.toml is unchanged. {kept}",
        "zh": "您的修改未保存：{error}\nprofile.toml 保持不变。{kept}",
    },
    "profile.rejected_kept": {
        "en": "Your edited text is kept in {rejected}.",
        "zh": "修改后的内容另存在 {rejected}。",
    },
    "profile.rejected_masked": {
        "en": "Your edited text is kept in {rejected}, with the card numbers in it masked (posguide never stores them).",
        "zh": "修改后的内容另存在 {rejected}，其中的卡号已被遮盖（posguide 从不保存卡号）。",
    },
    "profile.rejected_dropped": {
        "en": "Your edited text was not kept: it holds what looks like a PIN or password, which posguide never stores.",
        "zh": "修改后的内容没有保留：其中有像是密码或 PIN 的内容，posguide 从不保存这些。",
    },
    "profile.edit_problem": {"en": "This edit cannot be saved: {error}", "zh": "这次修改无法保存：{error}"},
    "profile.edit_again": {"en": "Open the editor again to fix it?", "zh": "重新打开编辑器修正吗？"},
    "profile.edit_broken_start": {
        "en": "The profile cannot be read at the moment ({error}). Fix it in the editor; it is saved only once it reads correctly.",
        "zh": "资料文件目前无法读取（{error}）。请在编辑器中修正；只有修正无误后才会保存。",
    },
    "profile.edit_conflict": {
        "en": "The profile was changed by another command while you were editing, so your edit was not saved. {kept}",
        "zh": "编辑期间资料被其他命令修改，您的修改未保存。{kept}",
    },
    "profile.edit_saved": {"en": "Saved {path}.", "zh": "已保存 {path}。"},
    "profile.debit_below_floor": {
        "en": "Note: a debit card rate of {rate} is below {floor}, less than the card's issuer and the card network may take on their own. It can be a promotion (or 0% for a public-welfare merchant); check it against your contract.",
        "zh": "提示：借记卡费率 {rate} 低于 {floor}，比发卡行和银行卡组织本身可收取的还少。可能是优惠活动（公益类商户可为 0%），请对照合同核实。",
    },
}
