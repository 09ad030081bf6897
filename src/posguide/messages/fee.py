MESSAGES = {
    "fee.zero_amount": {
        "en": "{field}: the amount must be more than 0.",
        "zh": "{field}：金额必须大于 0。",
    },
    "fee.settled_over": {
        "en": "The settled amount ({settled}) is more than the transaction amount ({amount}). What reaches your account is the amount minus the fee, so it cannot be larger: check that --amount and --settled are not swapped.",
        "zh": "到账金额（{settled}元）比交易金额（{amount}元）还多。\n到账金额是交易金额减去手续费，不会更多。请检查 --amount 和 --settled 是否填反。",
    },
    "fee.no_rate": {
        "en": "No agreed fee rate to compare with. Give it with --rate PERCENT (e.g. --rate 0.60), or save the rate from your contract once:\n  `posguide profile set fee_rate 0.60`",
        "zh": "还不知道约定的费率，无法核对。请用 --rate 给出，如 --rate 0.60 表示 0.60%；\n或把合同上的费率保存下来，以后就不用再输：\n  `posguide profile set fee_rate 0.60`",
    },
    "fee.agreed_capped": {
        "en": "{rate}, at most {cap} a transaction",
        "zh": "{rate}，单笔封顶{cap}元",
    },
    "fee.ok": {
        "en": "{fee} taken on {amount} is {rate}, as agreed ({agreed}).",
        "zh": "交易{amount}元，手续费{fee}元，实际费率{rate}，与约定相符（{agreed}）。",
    },
    "fee.higher": {
        "en": "{fee} taken on {amount} is {rate}: {difference} more than the agreed {expected} ({agreed}).",
        "zh": "交易{amount}元，手续费{fee}元，实际费率{rate}，比约定多扣了{difference}元（约定{agreed}，应扣{expected}元）。",
    },
    "fee.higher_todo": {
        "en": "What to do:\n  1. Compare this with the rate in your contract.\n  2. If they differ, ask your provider to correct the rate and refund the difference. Call the support number printed on your contract or on the terminal, never one from an advert, a text message or a caller.\n  3. Run `posguide checklist legit-check` to make sure the terminal and its provider are legitimate.\nA rate that rises quietly after a cheap first month is a known scam.",
        "zh": "建议这样做：\n  1、对照合同上的费率。\n  2、如不一致，请服务商更正费率，并退还多扣的钱。请拨打合同或机身上印的客服电话，不要用广告、短信或来电里给的号码。\n  3、运行 `posguide checklist legit-check`，确认终端和服务商都是正规的。\n首月费率很低、之后悄悄上调，是常见的骗局。",
    },
    "fee.support_phone": {
        "en": "The support number in your profile is {phone}; check that it matches your contract.",
        "zh": "资料中保存的客服电话是 {phone}，请确认它与合同上的一致。",
    },
    "fee.support_phone_mobile": {
        "en": "That is a mobile number: it may be a sales agent or a scam rather than your provider. Before you call, check the number on your contract or on the terminal's sticker.",
        "zh": "这是手机号，可能是推销代理或骗子，而不是服务商的客服。拨打前请先核对合同或机身标签上的号码。",
    },
    "fee.lower": {
        "en": "{fee} taken on {amount} is {rate}: {difference} less than the agreed {expected} ({agreed}).",
        "zh": "交易{amount}元，手续费{fee}元，实际费率{rate}，比约定少扣了{difference}元（约定{agreed}，应扣{expected}元）。",
    },
    "fee.lower_todo": {
        "en": "You lose nothing. If your rate has changed, save the new one:\n  `posguide profile set fee_rate PERCENT`",
        "zh": "您没有多付钱。如果费率已经调整，请保存新的费率：\n  `posguide profile set fee_rate 新费率`",
    },
    "fee.recorded": {
        "en": "Recorded as a fee check for '{name}' on {date}.",
        "zh": "已为“{name}”记下一次费率核对（{date}）。",
    },
    "fee.not_recorded": {
        "en": "Not recorded: there is no terminal yet. Add yours with `posguide init` to keep a history of fee checks.",
        "zh": "未记录：还没有终端。用 `posguide init` 添加终端后，每次费率核对都会记入历史。",
    },
    "fee.bad_card": {
        "en": "--card: '{value}' is not a card type. Use one of: {cards}.",
        "zh": "--card：“{value}”不是卡类型。请用以下之一：{cards}（借记卡、贷记卡、扫码）。",
    },
    "fee.which_card": {
        "en": "Your fee plan has a rate per card type ({cards}). Say which card paid, e.g. --card debit, or give the rate with --rate PERCENT.",
        "zh": "您的费率方案按卡类型分别定价（{cards}）。请说明是哪种卡付的款，如 --card debit；或用 --rate 给出费率。",
    },
}
