MESSAGES = {
    "record.bad_kind": {"en": "'{kind}' is not something posguide records. Kinds: {kinds}.",
                        "zh": "posguide 不记录“{kind}”。可用的类别：{kinds}。"},
    "record.needs_expires": {
        "en": "sim-renewal needs the SIM card's new expiry date: add --expires DATE (e.g. --expires +1y).",
        "zh": "sim-renewal 需要流量卡新的到期日：请加 --expires 日期（如 --expires +1y）。"},
    "record.expires_not_after": {
        "en": "sim.expires: the new expiry {expires} must be after the renewal date {day}.",
        "zh": "sim.expires：新的到期日 {expires} 必须晚于续费日期 {day}。"},
    "record.expires_only_renewal": {
        "en": "--expires is only for `posguide record sim-renewal`.",
        "zh": "--expires 只能用于 `posguide record sim-renewal`。"},
    "record.before_purchase": {
        "en": "date: {date} is before the terminal was bought ({purchased}). Check the date.",
        "zh": "日期：{date} 早于终端的购买日期（{purchased}）。请核对日期。"},
    "record.current_expiry": {"en": "Terminal {name}: the SIM card now expires on {date}.",
                              "zh": "终端 {name}：流量卡目前的到期日为 {date}。"},
    "record.ask_expires": {"en": "New expiry date (YYYY-MM-DD, +6m or +1y)",
                           "zh": "新的到期日（YYYY-MM-DD、+6m 或 +1y）"},
    "record.done": {"en": "Recorded for {name}: {kind} on {date}.",
                    "zh": "已为 {name} 记录：{date} {kind}。"},
    "record.renewed": {"en": "SIM card expiry moved from {old} to {new}.",
                       "zh": "流量卡到期日已由 {old} 改为 {new}。"},
}
