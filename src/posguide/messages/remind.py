MESSAGES = {
    "remind.due": {"en": "posguide: {item} due ({terminal})", "zh": "posguide：{item}到期（{terminal}）"},
    "remind.act": {"en": "posguide: {item} due {due}, act now ({terminal})",
                   "zh": "posguide：{item}将于{due}到期，请提前处理（{terminal}）"},
    # What falls due, as the subject of "... due" / "……到期".
    "remind.item.terminal_service": {"en": "service period", "zh": "服务期"},
    "remind.item.sim_expiry": {"en": "SIM card", "zh": "流量卡"},
    "remind.item.dormancy": {"en": "a transaction (idle terminal)", "zh": "闲置终端的交易"},
    "remind.item.maintenance": {"en": "cleaning and care", "zh": "清洁保养"},
    "remind.item.inspection": {"en": "tamper inspection", "zh": "防篡改检查"},
    "remind.item.password": {"en": "admin password change", "zh": "更换管理密码"},
    "remind.item.software": {"en": "software update check", "zh": "软件更新检查"},
    "remind.item.fee_check": {"en": "fee check", "zh": "费率核对"},
    "remind.item.fee_rate": {"en": "fees above the plan", "zh": "手续费超出约定"},
    "remind.calendar_name": {"en": "posguide reminders", "zh": "posguide 提醒"},
    "remind.written": {"en": "Wrote {count} reminders to {path}.",
                       "zh": "已写入 {count} 条提醒：{path}。"},
    "remind.how": {
        "en": "Import the file into your calendar; importing a newer file updates the same events. Run this again after recording something.",
        "zh": "把该文件导入日历即可；再次导入新文件会更新原有事件。记录新事项后请重新运行本命令。"},
}
MESSAGES.update({
    "remind.needs_what": {
        "en": "Say what to do: posguide remind --ics FILE (a calendar file), posguide remind install (a daily check that sends messages) or posguide remind uninstall.",
        "zh": "请说明要做什么：posguide remind --ics FILE（生成日历文件）、posguide remind install（每天自动检查并发送消息）或 posguide remind uninstall。"},
    "remind.ics_alone": {"en": "--ics writes a calendar file on its own; leave it out with install or uninstall.",
                         "zh": "--ics 单独用于生成日历文件；与 install 或 uninstall 一起时请去掉它。"},
})
