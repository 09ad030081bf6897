MESSAGES = {
    "cli.bad_lang": {
        "en": "--lang: '{value}' is not a language posguide speaks. Use zh or en.",
        "zh": "--lang：不支持“{value}”。请用 zh 或 en。",
    },
    "cli.bad_today_env": {
        "en": "POSGUIDE_TODAY: '{value}' is not a date posguide works with. Use YYYY-MM-DD (1970-01-01 to 2199-12-31) or unset it.",
        "zh": "POSGUIDE_TODAY：“{value}”不是 posguide 能处理的日期。请用 YYYY-MM-DD（1970-01-01 至 2199-12-31），或删除该变量。",
    },
    "cli.empty_option": {
        "en": "{option} needs a value: it cannot be empty. Leave the option out to use the default.",
        "zh": "{option} 需要一个值，不能为空。不写这个选项就会使用默认值。",
    },
    "cli.aborted": {"en": "Stopped: no answer was given.", "zh": "已停止：没有收到回答。"},
    "cli.interrupted": {"en": "Interrupted.", "zh": "已中断。"},
    "cli.bug": {
        "en": "posguide hit an unexpected problem: {error}\nYour saved data is unchanged. Please report this; run again with POSGUIDE_DEBUG=1 to see the details.",
        "zh": "posguide 遇到意外问题：{error}\n已保存的数据没有改动。请反馈此问题；设置 POSGUIDE_DEBUG=1 后重新运行可看到详情。",
    },
    "cli.bug_after_save": {
        "en": "posguide hit an unexpected problem: {error}\nWhat posguide saved before the problem is kept (each save is made whole or not at all). Please report this; run again with POSGUIDE_DEBUG=1 to see the details.",
        "zh": "posguide 遇到意外问题：{error}\n出问题之前已保存的内容都保留着（每次保存要么完整写入，要么不写）。请反馈此问题；设置 POSGUIDE_DEBUG=1 后重新运行可看到详情。",
    },
    "cli.usage_error": {
        "en": "Error: {message}\nSee `{command} --help`.",
        "zh": "错误：{message}\n请查看 `{command} --help`。",
    },
    "cli.welcome": {
        "en": "Welcome to posguide. There is no terminal profile yet (in {home}).\nAdd your card terminal with `posguide init`, or see what posguide shows with `posguide status --demo`. `posguide --help` lists every command.",
        "zh": "欢迎使用 posguide。这里还没有终端资料（{home}）。\n用 `posguide init` 添加您的刷卡终端，或用 `posguide status --demo` 看示例。`posguide --help` 列出全部命令。",
    },
}
