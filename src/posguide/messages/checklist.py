MESSAGES = {
    # Loading and validating a checklist file: each names the file and the key.
    "checklist.bad_file": {
        "en": "Checklist file {path} cannot be used: {detail}",
        "zh": "检查清单文件 {path} 无法使用：{detail}",
    },
    "checklist.bad_key": {"en": "{key}: {problem}", "zh": "{key}：{problem}"},
    "checklist.at_line": {"en": "near line {line}, {detail}", "zh": "第 {line} 行附近，{detail}"},
    "checklist.err_unknown_key": {
        "en": "unknown key (a typo?). Allowed here: {allowed}",
        "zh": "未知的键（是否拼错？）。这里允许的键：{allowed}",
    },
    "checklist.err_missing": {"en": "required but missing", "zh": "必填，但缺少"},
    "checklist.err_text": {
        "en": "must be an inline table with exactly two texts, en and zh",
        "zh": "必须是只含 en 和 zh 两段文字的内联表",
    },
    "checklist.err_text_lang": {
        "en": "the {lang} text is missing or empty (every text needs en and zh)",
        "zh": "{lang} 文字缺少或为空（每段文字都需要 en 和 zh）",
    },
    "checklist.err_choice": {
        "en": "'{value}' is not allowed; use one of: {choices}",
        "zh": "不允许“{value}”；请用以下之一：{choices}",
    },
    "checklist.err_table": {"en": "must be a table", "zh": "必须是一个表"},
    "checklist.err_step_id": {
        "en": "must be 1-64 letters, digits, - or _",
        "zh": "必须是 1-64 个字母、数字、- 或 _",
    },
    "checklist.err_duplicate": {
        "en": "'{id}' is used twice; each id must be unique in the file",
        "zh": "“{id}”用了两次；同一文件中的 id 不能重复",
    },
    "checklist.err_bool": {"en": "must be true or false", "zh": "必须是 true 或 false"},
    "checklist.err_troubleshoot": {
        "en": "must list at least one troubleshooting step",
        "zh": "至少要列出一条排查步骤",
    },
    "checklist.err_only_with": {"en": "only allowed with {other}", "zh": "只能与 {other} 一起使用"},
    "checklist.err_sets_input": {
        "en": "the field {field} needs input = \"{input}\"",
        "zh": "字段 {field} 需要 input = \"{input}\"",
    },
    "checklist.err_id": {
        "en": "must be 1-32 lowercase letters, digits or -",
        "zh": "必须是 1-32 个小写字母、数字或 -",
    },
    "checklist.err_id_stem": {
        "en": "is '{id}' but the file is called {stem}.toml; they must be the same",
        "zh": "是“{id}”，但文件名是 {stem}.toml；两者必须相同",
    },
    "checklist.err_no_steps": {"en": "needs at least one step", "zh": "至少需要一个步骤"},
    "checklist.err_gone": {"en": "the file is no longer there", "zh": "文件已不存在"},
    "checklist.err_shadows_builtin": {
        "en": "'{id}' is the name of a built-in checklist, which always wins. Rename the file and its id, e.g. to my-{id}.",
        "zh": "“{id}”是内置检查清单的名称，内置清单优先。请把文件名和 id 改成别的，如 my-{id}。",
    },
    "checklist.unknown": {
        "en": "There is no checklist called '{name}'. Choose one of: {names}",
        "zh": "没有名为“{name}”的检查清单。可选：{names}",
    },
    # The list
    "checklist.list_title": {"en": "Checklists", "zh": "检查清单"},
    "checklist.list_title_for": {"en": "Checklists for terminal {name}",
                                 "zh": "终端 {name} 的检查清单"},
    "checklist.col_name": {"en": "Name", "zh": "名称"},
    "checklist.col_title": {"en": "Title", "zh": "标题"},
    "checklist.col_mode": {"en": "Mode", "zh": "方式"},
    "checklist.col_steps": {"en": "Steps", "zh": "步数"},
    "checklist.col_last": {"en": "Last done", "zh": "上次完成"},
    "checklist.never": {"en": "never", "zh": "从未"},
    "checklist.custom_mark": {"en": "(custom)", "zh": "（自定义）"},
    "checklist.broken": {"en": "cannot be used, see below", "zh": "有错误，无法使用，见下方"},
    "checklist.mode.read-do": {"en": "READ-DO", "zh": "边读边做"},
    "checklist.mode.do-confirm": {"en": "DO-CONFIRM", "zh": "先做后核对"},
    "checklist.list_hint": {
        "en": "Run one with `posguide checklist NAME`; print one with `posguide checklist NAME --print`. Your own checklists go in {folder}.",
        "zh": "运行：`posguide checklist 名称`；打印：`posguide checklist 名称 --print`。自定义清单放在 {folder}。",
    },
    "checklist.list_no_terminal": {
        "en": "No terminal is chosen, so when each was last done is not shown.",
        "zh": "未选定终端，因此不显示上次完成时间。",
    },
    # --print (Markdown)
    "checklist.print_mode.read-do": {
        "en": "READ-DO: read each step, do it, then tick it.",
        "zh": "边读边做：读一步，做一步，做完打勾。",
    },
    "checklist.print_mode.do-confirm": {
        "en": "DO-CONFIRM: do the work from memory, then go through the list and tick what is done.",
        "zh": "先做后核对：先凭记忆做完，再逐项核对并打勾。",
    },
    "checklist.print_fill": {
        "en": "Terminal: ________  Date: ________  Done by: ________",
        "zh": "终端：________  日期：________  执行人：________",
    },
    "checklist.print_critical": {"en": "(critical)", "zh": "（关键）"},
    "checklist.print_why": {"en": "Why: {why}", "zh": "原因：{why}"},
    "checklist.print_if_no": {"en": "If not:", "zh": "如果不是："},
    "checklist.print_if_no_stop": {"en": "If not: {message}", "zh": "如果不是：{message}"},
    "checklist.print_footer": {
        "en": "Run it step by step and keep a record: posguide checklist {id}",
        "zh": "逐步执行并留下记录：posguide checklist {id}",
    },
    "checklist.print_sim_swap_data": {
        "en": "Then write down the new card's ICCID, carrier, plan and expiry date (posguide sim-swap records them).",
        "zh": "然后记下新卡的 ICCID、运营商、套餐和到期日（posguide sim-swap 会记录这些信息）。",
    },
    # Running
    "checklist.needs_terminal": {
        "en": "Running a checklist records it for a terminal, and there is none yet. Add yours with `posguide init` first (`posguide checklist {id} --print` works without one).",
        "zh": "运行检查清单会把结果记到某台终端下，但还没有终端。请先用 `posguide init` 添加（`posguide checklist {id} --print` 无需终端）。",
    },
    "checklist.restart_print": {
        "en": "--restart and --print do not go together: --print only shows the checklist.",
        "zh": "--restart 不能和 --print 一起用：--print 只显示清单内容。",
    },
    "checklist.json_with_name": {
        "en": "--json lists the checklists; use it without NAME.",
        "zh": "--json 用于列出清单；请不要同时给出名称。",
    },
}
