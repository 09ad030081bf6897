MESSAGES = {
    "remind.due": {"en": "posguide: {item} due ({terminal})", "zh": "posguide：{item}到期（{terminal}）"},
    "remind.act": {"en": "posguide: act now, {item} due {due} ({terminal})",
                   "zh": "posguide：请尽快处理，{item} {due} 到期（{terminal}）"},
    "remind.calendar_name": {"en": "posguide reminders", "zh": "posguide 提醒"},
    "remind.written": {"en": "Wrote {count} reminders for {terminals} terminal(s) to {path}.",
                       "zh": "已为 {terminals} 台终端写入 {count} 条提醒：{path}。"},
    "remind.how": {
        "en": "Import the file into your calendar; importing a newer file updates the same events. Run this again after recording something.",
        "zh": "把该文件导入日历即可；再次导入新文件会更新原有事件。记录新事项后请重新运行本命令。"},
}
