MESSAGES = {
    "validate.date_format": {
        "en": "{field}: '{value}' is not a date. Use YYYY-MM-DD (e.g. 2026-01-31), today, +30d, +6m or +1y.",
        "zh": "{field}：“{value}”不是有效日期。请用 YYYY-MM-DD（如 2026-01-31）、today、+30d、+6m 或 +1y。",
    },
    "validate.date_format_abs": {
        "en": "{field}: '{value}' is not a date. Use YYYY-MM-DD, e.g. 2026-01-31.",
        "zh": "{field}：“{value}”不是有效日期。请用 YYYY-MM-DD，如 2026-01-31。",
    },
    "validate.date_impossible": {
        "en": "{field}: '{value}' is not a real calendar date (check the month and day).",
        "zh": "{field}：“{value}”在日历上不存在（请检查月份和日期）。",
    },
    "validate.date_range": {
        "en": "{field}: {value} is outside the dates posguide works with ({low} to {high}).",
        "zh": "{field}：{value} 超出了 posguide 能处理的日期范围（{low} 至 {high}）。",
    },
    "validate.date_future": {
        "en": "{field}: {value} is in the future. Use a date up to today.",
        "zh": "{field}：{value} 是将来的日期。请填今天或之前的日期。",
    },
    "validate.activated_before_purchase": {
        "en": "activated ({activated}) is before purchased ({purchased}): a terminal is activated after it is bought.",
        "zh": "激活日期（{activated}）早于购买日期（{purchased}）：终端应在购买后才激活。",
    },
    "validate.required": {
        "en": "{field} is required.",
        "zh": "{field}为必填项。",
    },
    "validate.money": {
        "en": "{field}: '{value}' is not an amount. Use a number in CNY with at most 2 decimal places, e.g. 1000 or 99.50.",
        "zh": "{field}：“{value}”不是有效金额。请填以元为单位、最多两位小数的数字，如 1000 或 99.50。",
    },
    "validate.rate": {
        "en": "{field}: '{value}' is not a fee rate. Use a percent above 0 and at most 5, e.g. 0.60 (up to 4 decimal places).",
        "zh": "{field}：“{value}”不是有效费率。请填大于 0、不超过 5 的百分比，如 0.60（最多 4 位小数）。",
    },
    "validate.int_range": {
        "en": "{field}: '{value}' must be a whole number from {low} to {high}.",
        "zh": "{field}：“{value}”必须是 {low} 到 {high} 之间的整数。",
    },
    "validate.too_long": {
        "en": "{field} is too long: at most {max} characters.",
        "zh": "{field}太长：最多 {max} 个字符。",
    },
    "validate.control_chars": {
        "en": "{field} contains control characters or bytes that are not text. Type plain text.",
        "zh": "{field}含有控制字符或无法识别的字节。请输入普通文字。",
    },
    "validate.secret": {
        "en": "{field} looks like it contains a PIN, CVV or password. posguide never stores them: write only what was done, e.g. \"changed the admin password\".",
        "zh": "{field}中似乎含有 PIN、CVV 或密码。posguide 从不保存这些：只写做了什么即可，如“已修改管理员密码”。",
    },
    "validate.card_number": {
        "en": "{field} looks like it contains a bank card number. posguide never stores card numbers: remove it and try again.",
        "zh": "{field}中似乎含有银行卡号。posguide 从不保存卡号：请删去后重试。",
    },
    "validate.name": {
        "en": "{field}: '{value}' is not a valid name. Use 1-32 letters, digits, -, _ or Chinese characters, no spaces.",
        "zh": "{field}：“{value}”不是有效名称。请用 1-32 个字母、数字、-、_ 或汉字，不含空格。",
    },
    "validate.merchant_no_empty": {
        "en": "{field}: nothing given. A merchant number has 15 characters, e.g. 102-5810-8398-6056.",
        "zh": "{field}：没有输入。商户号共 15 位，例如 102-5810-8398-6056。",
    },
    "validate.merchant_no_chars": {
        "en": "{field}: '{value}' holds characters a merchant number does not have ({chars}). It has 15 letters or digits; spaces and dashes between the groups are fine.",
        "zh": "{field}：“{value}”里有商户号不会有的字符（{chars}）。商户号由 15 位数字或字母组成，分组之间的空格和横线可以保留。",
    },
    "validate.merchant_no_length": {
        "en": "{field}: '{value}' has {count} characters; a merchant number has 15 (acquirer 3, region 4, business type 4, sequence 4).",
        "zh": "{field}：“{value}”有 {count} 位，商户号应为 15 位（收单机构 3 位、地区 4 位、经营类别 4 位、顺序号 4 位）。",
    },
    "validate.merchant_no_length_one": {
        "en": "{field}: '{value}' has {count} character; a merchant number has 15 (acquirer 3, region 4, business type 4, sequence 4).",
        "zh": "{field}：“{value}”有 {count} 位，商户号应为 15 位（收单机构 3 位、地区 4 位、经营类别 4 位、顺序号 4 位）。",
    },
    "validate.terminal_id": {
        "en": "{field}: '{value}' is not a terminal ID. It has 8 letters or digits and is printed on your receipt.",
        "zh": "{field}：“{value}”不是有效终端号。终端号为 8 位字母或数字，印在小票上。",
    },
    "validate.serial": {
        "en": "{field}: '{value}' is not a serial number. Use the 4-32 letters, digits and dashes on the terminal's sticker.",
        "zh": "{field}：“{value}”不是有效机身号。请填机身标签上 4-32 位的字母、数字或短横线。",
    },
    "validate.iccid": {
        "en": "{field}: '{value}' is not an ICCID. It has 19-20 letters or digits, starts with 89 (8986 in China) and is printed on the SIM card.",
        "zh": "{field}：“{value}”不是有效 ICCID。ICCID 为 19-20 位字母或数字，以 89 开头（国内为 8986），印在流量卡上。",
    },
    "validate.iccid_luhn": {
        "en": "{field}: the last digit of {value} is {got}, but the check digit should be {expected}. Compare it with the card again: a typo here means the wrong card on record.",
        "zh": "{field}：{value} 的最后一位是 {got}，按校验规则应为 {expected}。请再对照卡片核对：输错会导致记录的卡号不对。",
    },
    "validate.phone": {
        "en": "{field}: '{value}' is not a phone number. Use a service number (95xxx), a 400/800 number or a landline with its area code.",
        "zh": "{field}：“{value}”不是有效电话号码。请填 95 开头的客服号、400/800 号码或带区号的固话。",
    },
    "validate.phone_mobile": {
        "en": "{field}: {value} is a mobile number. Payment companies and banks answer on 95xxx, 400 or 800 numbers; a mobile number given as 'customer service' is most likely a sales agent or a scam. Use the number in your contract or on the terminal's sticker.",
        "zh": "{field}：{value} 是手机号。支付公司和银行的客服使用 95 开头、400 或 800 号码；自称“客服”的手机号多半是推销代理或骗子。请使用合同或机身标签上的号码。",
    },
    "validate.mcc": {
        "en": "{field}: '{value}' is not a business type code. It has 4 digits, e.g. 5812 for a restaurant, as in your contract.",
        "zh": "{field}：“{value}”不是有效的商户类别码。类别码为 4 位数字，例如餐馆是 5812，以合同上的为准。",
    },
    "validate.plan_number": {
        "en": "{field}: '{value}' is not a number. Write it as in your contract, e.g. 0.60 for a rate of 0.60% or 2.00 for 2 CNY.",
        "zh": "{field}：“{value}”不是数字。请照合同填写，如费率 0.60% 填 0.60，2 元填 2.00。",
    },
    "validate.plan_negative": {
        "en": "{field}: '{value}' is negative. A fee is never negative: write it without the minus sign.",
        "zh": "{field}：“{value}”是负数。手续费不会是负数，请去掉负号。",
    },
    "validate.rate_places": {
        "en": "{field}: '{value}' has more than 4 decimal places. A rate in percent has at most 4, e.g. 0.6050.",
        "zh": "{field}：“{value}”超过 4 位小数。百分比费率最多 4 位小数，如 0.6050。",
    },
    "validate.rate_over_100": {
        "en": "{field}: '{value}' is more than 100%: the fee would be more than the sale. Write the rate in percent, e.g. 0.60.",
        "zh": "{field}：“{value}”超过 100%，手续费会比交易金额还多。请按百分比填写，如 0.60。",
    },
    "validate.rate_too_high": {
        "en": "{field}: '{value}%' is far above any card fee (they are below 1%). Write the rate in percent: 0.60 means 0.60%.",
        "zh": "{field}：“{value}%”远高于任何刷卡费率（一般低于 1%）。请按百分比填写：0.60 表示 0.60%。",
    },
    "validate.money_places": {
        "en": "{field}: '{value}' has more than 2 decimal places. Money is in CNY to the fen, e.g. 0.50.",
        "zh": "{field}：“{value}”超过两位小数。金额以元为单位，精确到分，如 0.50。",
    },
    "validate.cap_zero": {
        "en": "{field}: a cap of 0 would mean no fee at all. Write the cap from your contract (e.g. 20.00), or leave it unset for no cap.",
        "zh": "{field}：封顶为 0 等于不收手续费。请填合同上的封顶金额（如 20.00）；不封顶就不要填写。",
    },
}
