MESSAGES = {
    "simswap.intro": {
        "en": "Payments already taken are not affected by the swap. You type the new card's ICCID before it goes in, and its other details at the end; your profile keeps the old card until you confirm.",
        "zh": "换卡不影响已经完成的交易。新卡插进去之前先输入它的 ICCID，其余信息最后再填；在您确认之前，终端资料里仍是旧卡。",
    },
    "simswap.section": {"en": "The new card's details", "zh": "新卡信息"},
    "simswap.iccid_action": {
        "en": "Before the new card goes in, type its ICCID: the 19-20 characters printed on the card and on the card board it came in, starting with 89; in China 8986.",
        "zh": "新卡插进去之前，先输入它的 ICCID：印在卡片和卡板上的 19-20 位字符，以 89 开头，国内为 8986。",
    },
    "simswap.iccid_why": {
        "en": "The ICCID is how the provider finds the card when you call, and how you tell which card is in which terminal.",
        "zh": "打电话给服务商时，对方靠 ICCID 查到这张卡；您也靠它分清哪张卡装在哪台终端里。",
    },
    "simswap.carrier_action": {
        "en": "Type the new card's carrier, e.g. China Mobile, as printed on the card or its package.",
        "zh": "输入新卡的运营商，如“中国移动”，以卡片或包装上印的为准。",
    },
    "simswap.carrier_why": {
        "en": "When the terminal goes offline, the carrier tells you whose network to check.",
        "zh": "终端断网时，知道运营商才知道该查哪家的网络。",
    },
    "simswap.plan_action": {
        "en": "Type the new card's plan, e.g. 30 MB a month for 1 year, from the package or the provider's app.",
        "zh": "输入新卡的套餐，如“每月 30MB，一年期”，以包装或服务商 App 上的为准。",
    },
    "simswap.plan_why": {
        "en": "Knowing the data allowance helps you spot a card that is running out before payments fail.",
        "zh": "知道流量额度，就能在收款失败之前发现流量快用完了。",
    },
    "simswap.expires_action": {
        "en": "Type the new card's expiry date as YYYY-MM-DD, or +6m / +1y if the plan runs six months or a year from today.",
        "zh": "输入新卡的到期日，格式 YYYY-MM-DD；如果套餐从今天起算半年或一年，也可以输入 +6m 或 +1y。",
    },
    "simswap.expires_why": {
        "en": "posguide warns you before this date, so the terminal never goes offline by surprise.",
        "zh": "posguide 会在这个日期之前提醒您，终端就不会突然断网。",
    },
    "simswap.confirm_action": {
        "en": "Compare the old and the new card below. Answer y to save the new card to this terminal's profile.",
        "zh": "请对照下面的旧卡和新卡信息。回答 y 把新卡保存到这台终端的资料里。",
    },
    "simswap.confirm_why": {
        "en": "Nothing changes until you confirm. The old card's details are kept in the history.",
        "zh": "确认之前不会做任何改动。旧卡信息会保留在历史记录里。",
    },
    "simswap.same_iccid": {
        "en": "{field}: this is the ICCID of the card you are replacing. Type the number printed on the new card.",
        "zh": "{field}：这是被换下的旧卡的 ICCID。请输入新卡上印的号码。",
    },
    "simswap.expiry_past": {
        "en": "{field}: {value} has already passed. Type the new card's expiry date, e.g. 2027-12-31 or +1y.",
        "zh": "{field}：{value} 已经过去了。请输入新卡的到期日，如 2027-12-31 或 +1y。",
    },
    "simswap.untested_note": {
        "en": "[!] The test payment was skipped, so y does not save the new card yet: it keeps these details and pauses at the test payment. The profile keeps the old card until a test payment works.",
        "zh": "[!] 测试收款被跳过了，所以回答 y 也不会马上保存新卡：这些信息先留着，向导停在测试收款那一步。测试收款成功之前，终端资料里仍是旧卡。",
    },
    "simswap.untested": {
        "en": "The new card is not saved yet: posguide records a new card only after a test payment with it works, and the test payment (step {k} of {n}) was skipped. Your other answers are kept. Take a small test payment with your own bank card, then run {command} to continue at that step.",
        "zh": "新卡还没有保存：用新卡测试收款成功后，posguide 才会记录新卡，而测试收款（第 {k} 步，共 {n} 步）被跳过了。其他回答都已保存。请用自己的银行卡收一笔小额测试款，然后运行 {command}，从这一步接着做。",
    },
    "simswap.current_title": {
        "en": "Terminal {name}: the SIM card in it now",
        "zh": "终端 {name}：目前使用的流量卡",
    },
    "simswap.no_card": {
        "en": "No SIM card details are recorded for this terminal yet. The new card's details are saved at the end.",
        "zh": "这台终端还没有记录流量卡信息。最后会保存新卡的信息。",
    },
    "simswap.why_ok": {
        "en": "This card is still valid. Swap it only if it is faulty or lost, or your provider asked you to.",
        "zh": "这张卡还在有效期内。只有卡坏了、丢了，或服务商要求时才需要换。",
    },
    "simswap.renewal_instead": {
        "en": "If the provider only extends the plan on the same card, nothing needs swapping: record it with `posguide record sim-renewal`.",
        "zh": "如果服务商只是给同一张卡续费，就不用换卡：用 `posguide record sim-renewal` 记录即可。",
    },
    "simswap.compare_title": {"en": "Old and new card", "zh": "旧卡与新卡对照"},
    "simswap.col_old": {"en": "Old card", "zh": "旧卡"},
    "simswap.col_new": {"en": "New card", "zh": "新卡"},
    "simswap.changed": {"en": "changed", "zh": "有变化"},
    "simswap.saved": {
        "en": "Saved: terminal {name} now has the new SIM card ({iccid}).",
        "zh": "已保存：终端 {name} 的流量卡已更新为新卡（{iccid}）。",
    },
    "simswap.old_in_history": {
        "en": "The old card's details are kept in the history: posguide history --kind sim-swap",
        "zh": "旧卡信息已保存在历史记录中：posguide history --kind sim-swap",
    },
    "simswap.new_state": {"en": "SIM card now:", "zh": "流量卡现状："},
}
