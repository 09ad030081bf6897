"""Merchant numbers, the acquirer/region/MCC tables, and `receipt check`.
Written for a merchant who has never heard of an MCC: plain words first, the
code after."""

MESSAGES = {
    # ---------------------------------------------------------------- tables
    "merchant.bad_file": {
        "en": "{path} cannot be read: {detail}\nFix the file, or move it away to use posguide's own table.",
        "zh": "无法读取 {path}：{detail}\n请改正这个文件，或把它移走，改用 posguide 自带的数据表。",
    },
    "merchant.bad_key": {"en": "key '{key}': {problem}", "zh": "键“{key}”：{problem}"},
    "merchant.err_table": {"en": "must be a table ([...])", "zh": "应为一个表（[...]）"},
    "merchant.err_unknown_key": {"en": "unknown key; allowed here: {allowed}",
                                 "zh": "未知的键；这里可用：{allowed}"},
    "merchant.err_top_key": {"en": "unknown table; this file holds only: {allowed}",
                             "zh": "未知的表；这个文件只能有：{allowed}"},
    "merchant.err_missing": {"en": "missing", "zh": "缺少这一项"},
    "merchant.err_text": {"en": "must be a text in quotes, not empty", "zh": "应为加引号的文本，不能为空"},
    "merchant.err_control": {"en": "holds control characters", "zh": "含有控制字符"},
    "merchant.err_choice": {"en": "'{value}' is not one of {choices}",
                            "zh": "“{value}”不是以下之一：{choices}"},
    "merchant.err_code": {"en": "the code must be {length} digits", "zh": "代码应为 {length} 位数字"},
    # ---------------------------------------------------------------- values
    "merchant.unknown_mcc": {
        "en": "{field}: {value} is not in posguide's list of business types, so its fee class is unknown. Check it against your contract: a typing slip here would hide 跳码 later.",
        "zh": "{field}：{value} 不在 posguide 收录的经营类别里，无法知道它的收费类别。请对照合同核对：这里输错了，以后就发现不了跳码。",
    },
    "merchant.part_unreadable": {
        "en": "'{code}' is not {count} digits, so it cannot be read as the usual code. The number may still be valid: some acquirers number their merchants their own way.",
        "zh": "“{code}”不是 {count} 位数字，无法按通常的编排解读。这个号码仍可能有效：有些收单机构有自己的编号方式。",
    },
    # ---------------------------------------------------------------- decode
    "merchant.part.acquirer": {"en": "Acquirer", "zh": "收单机构"},
    "merchant.part.region": {"en": "Region", "zh": "地区"},
    "merchant.part.mcc": {"en": "Business type (MCC)", "zh": "经营类别（MCC）"},
    "merchant.part.sequence": {"en": "Sequence", "zh": "顺序号"},
    "merchant.decoded_title": {"en": "Merchant number {number}, read part by part:",
                               "zh": "商户号 {number}，逐段解读："},
    "merchant.acquirer_bank": {
        "en": "{name}, a bank: it processes this merchant's card payments.",
        "zh": "{name}（银行），负责处理这个商户的银行卡收款。",
    },
    "merchant.acquirer_payment_company": {
        "en": "{name}, a payment company: it processes this merchant's card payments.",
        "zh": "{name}（支付公司），负责处理这个商户的银行卡收款。",
    },
    "merchant.acquirer_unknown": {
        "en": "Not in posguide's list. This part names the bank or payment company that processes the payments: it should be the one your contract names.",
        "zh": "posguide 的列表里没有这个代码。这一段代表处理收款的银行或支付公司，应该与合同上写的一致。",
    },
    "merchant.region_unionpay": {
        "en": "{name}, in UnionPay's inter-bank region codes, which most acquirers write here. As a national administrative code (which a few acquirers write instead) it is not one posguide knows.",
        "zh": "按银联跨行业务地区代码（大多数收单机构写的是这种），是{name}。个别收单机构在这里写国家行政区划代码，按那种写法，posguide 查不到这个代码。",
    },
    "merchant.region_national": {
        "en": "{name}, if the acquirer writes the national administrative code here, as a few do. As a UnionPay inter-bank region code (which most acquirers write) it is not one posguide knows.",
        "zh": "如果收单机构在这里写的是国家行政区划代码（个别机构这样做），就是{name}。大多数机构写的是银联跨行业务地区代码，按那种写法，posguide 查不到这个代码。",
    },
    "merchant.region_both": {
        "en": "Either {unionpay} (UnionPay's inter-bank region code, which most acquirers use) or {national} (the national administrative code, which a few use): the number itself does not say which.",
        "zh": "可能是{unionpay}（银联跨行业务地区代码，大多数收单机构用），也可能是{national}（国家行政区划代码，个别机构用）：光看号码分辨不出是哪一种。",
    },
    "merchant.region_unknown": {
        "en": "Not in posguide's short list of region codes. Most acquirers write UnionPay's inter-bank region code here, a few the national administrative code (the digits that open an ID card number).",
        "zh": "posguide 的地区代码表里没有这个代码。大多数收单机构在这里写银联跨行业务地区代码，个别写国家行政区划代码（即身份证号开头的那几位）。",
    },
    "merchant.mcc_unknown": {
        "en": "Not in posguide's list of the business types a small merchant meets, so its fee class is not known here.",
        "zh": "posguide 收录的常见经营类别里没有这个代码，所以这里无法知道它的收费类别。",
    },
    "merchant.class_long.standard": {
        "en": "Fee class: standard (标准类), the usual card fees.",
        "zh": "收费类别：标准类，即一般的刷卡费率。",
    },
    "merchant.class_long.preferential": {
        "en": "Fee class: preferential (优惠类), lower card fees, as for supermarkets, fuel, utility bills and transport tickets.",
        "zh": "收费类别：优惠类，刷卡费率较低，如超市、加油、水电燃气缴费、交通售票。",
    },
    "merchant.class_long.welfare": {
        "en": "Fee class: public welfare (减免类), no issuer or card network fee, as for non-profit hospitals, schools and charities.",
        "zh": "收费类别：减免类（公益类），不收发卡行和银联的那部分费用，如非营利的医院、学校、慈善机构。",
    },
    "merchant.class.standard": {"en": "standard fees", "zh": "标准类"},
    "merchant.class.preferential": {"en": "preferential: lower fees", "zh": "优惠类，费率较低"},
    "merchant.class.welfare": {"en": "public welfare: lowest fees", "zh": "减免类，费率最低"},
    "merchant.sequence_text": {
        "en": "Tells this merchant apart from others with the same first 11 characters; it means nothing more (it may hold letters).",
        "zh": "用来区分前 11 位相同的商户，没有别的含义（可能含字母）。",
    },
    "merchant.cannot_know": {
        "en": "A merchant number only follows a convention. It cannot show what business the shop really does, whether the acquirer is licensed today, or whether this number is yours.",
        "zh": "商户号只是按惯例编排的：看不出这家店实际做什么生意、收单机构现在是否持牌，也看不出这个号码是不是您的。",
    },
    "merchant.decode_next": {
        "en": "To check a receipt against your own records:\n  `posguide receipt check --merchant-no NUMBER`",
        "zh": "要拿小票和您自己的记录核对：\n  `posguide receipt check --merchant-no 商户号`",
    },
    # ---------------------------------------------------------------- receipt check: asking
    "merchant.receipt_missing": {
        "en": "Missing --merchant-no: the merchant number printed on the receipt (15 characters). For example:\n  `posguide receipt check --merchant-no 102581083986056 --name \"SHOP NAME\" --terminal-id 12345678`\nRun `posguide receipt check` in a terminal window without options to be asked for each.",
        "zh": "缺少 --merchant-no：小票上印的商户号（15 位）。例如：\n  `posguide receipt check --merchant-no 102581083986056 --name 商户名称 --terminal-id 12345678`\n在终端窗口里不带选项运行 `posguide receipt check`，会逐项询问。",
    },
    "merchant.ask_intro": {
        "en": "Copy what the receipt shows. Press Enter to skip what it does not print.",
        "zh": "照着小票填写。小票上没印的项目，直接回车跳过。",
    },
    "merchant.ask_merchant_no": {"en": "Merchant number on the receipt (商户号, 15 characters)",
                                 "zh": "小票上的商户号（15 位）"},
    "merchant.ask_name": {"en": "Merchant name on the receipt (Enter to skip)",
                          "zh": "小票上的商户名称（回车跳过）"},
    "merchant.ask_terminal_id": {"en": "Terminal ID on the receipt (终端号, 8 characters; Enter to skip)",
                                 "zh": "小票上的终端号（8 位；回车跳过）"},
    "merchant.ask_mcc": {
        "en": "Business type code (MCC), only if the receipt prints one apart from the merchant number (Enter to skip)",
        "zh": "商户类别码（MCC），仅当小票在商户号之外另印了时才填（回车跳过）",
    },
    # ---------------------------------------------------------------- receipt check: findings
    "merchant.what.merchant_no": {"en": "merchant number", "zh": "商户号"},
    "merchant.what.name": {"en": "merchant name", "zh": "商户名称"},
    "merchant.what.terminal_id": {"en": "terminal ID", "zh": "终端号"},
    "merchant.what.mcc": {"en": "business type", "zh": "经营类别"},
    "merchant.verdict_match": {
        "en": "This receipt is yours. Checked against your own records: {what}.",
        "zh": "这张小票是您自己的。已与您的记录核对：{what}。",
    },
    "merchant.verdict_mismatch": {
        "en": "This receipt does not match your own records: {count} things differ.",
        "zh": "这张小票与您的记录不符：有 {count} 处不一致。",
    },
    "merchant.verdict_mismatch_one": {
        "en": "This receipt does not match your own records: {count} thing differs.",
        "zh": "这张小票与您的记录不符：有 {count} 处不一致。",
    },
    "merchant.verdict_foreign": {
        "en": "Your money may not be going straight to your own account.",
        "zh": "您的钱可能没有直接进您自己的账户。",
    },
    "merchant.verdict_jump": {
        "en": "Your sales are booked under another business type than yours, which can get your account frozen.",
        "zh": "您的交易被记到了别的经营类别下，这可能导致账户被冻结。",
    },
    "merchant.verdict_incomplete": {
        "en": "Nothing on this receipt differs from your records, but some of it could not be compared: your own value is not saved yet (see below).",
        "zh": "小票上没有发现与您记录不符的地方，但有几项无法比对：您自己的信息还没保存（见下面）。",
    },
    "merchant.verdict_nothing_compared": {
        "en": "posguide cannot tell yet whether this receipt is yours: your own details are not saved (see below).",
        "zh": "暂时无法判断这张小票是不是您的：您自己的信息还没保存（见下面）。",
    },
    "merchant.check.merchant_no.match": {"en": "Merchant number {receipt} is yours.",
                                         "zh": "商户号 {receipt} 是您自己的。"},
    "merchant.check.merchant_no.mismatch": {
        "en": "Merchant number: the receipt shows {receipt}, but yours is {own}. The payment was booked to another merchant, so the money may pass through someone else's hands before it reaches you (this is called 二清: settlement through a middleman).",
        "zh": "商户号不对：小票上是 {receipt}，您的是 {own}。这笔钱记到了别的商户名下，可能要先经过别人的手才到您这里（这叫“二清”）。",
    },
    "merchant.check.merchant_no.unknown": {
        "en": "Merchant number {receipt}: your own is not saved, so posguide cannot tell whether this one is yours. Take yours from your contract or the official merchant app (not from a receipt, which may already be wrong) and save it:\n  `posguide profile set merchant_no NUMBER{suffix}`",
        "zh": "商户号 {receipt}：您自己的商户号还没保存，无法判断这是不是您的。请以合同或官方商户App上的为准（不要照小票抄，小票本身可能就不对），保存下来：\n  `posguide profile set merchant_no 商户号{suffix}`",
    },
    "merchant.check.name.match": {"en": "Merchant name '{receipt}' is yours.",
                                  "zh": "商户名称“{receipt}”是您自己的。"},
    "merchant.check.name.match.shortened": {
        "en": "Merchant name '{receipt}' is a shortened form of yours, '{own}': receipts often cut long names.",
        "zh": "商户名称“{receipt}”是您的“{own}”的简写，小票常会截短较长的名称。",
    },
    "merchant.check.name.mismatch": {
        "en": "Merchant name: the receipt shows '{receipt}', but yours is '{own}'. Another name on your receipt means the payment went to that merchant, not to you (二清, or 跳码 to another merchant).",
        "zh": "商户名称不对：小票上是“{receipt}”，您的是“{own}”。小票上印着别人的名字，说明这笔钱收到了那个商户名下，而不是您（二清，或跳码到别的商户）。",
    },
    "merchant.check.name.unknown": {
        "en": "Merchant name '{receipt}': your registered name is not saved, so posguide cannot compare it. Save it as written on your contract or business licence:\n  `posguide profile set merchant_name NAME{suffix}`",
        "zh": "商户名称“{receipt}”：您登记的商户名称还没保存，无法比对。请按合同或营业执照上的写法保存：\n  `posguide profile set merchant_name 商户名称{suffix}`",
    },
    "merchant.check.terminal_id.match": {"en": "Terminal ID {receipt} is this terminal's.",
                                         "zh": "终端号 {receipt} 是这台终端的。"},
    "merchant.check.terminal_id.mismatch": {
        "en": "Terminal ID: the receipt shows {receipt}, but this terminal's is {own}. If you have more than one terminal, check the receipt against the one that printed it (--terminal NAME); otherwise the payment went through a terminal that is not yours.",
        "zh": "终端号不对：小票上是 {receipt}，这台终端的是 {own}。如果您有不止一台终端，请拿打出这张小票的那台来核对（--terminal 名称）；否则，这笔交易走的是一台不属于您的终端。",
    },
    "merchant.check.terminal_id.mismatch.another_terminal": {
        "en": "Terminal ID: {receipt} is not this terminal's ({own}) but that of your terminal '{other}'. Check the receipt against that one:\n  `posguide receipt check --terminal {other} ...`",
        "zh": "终端号：{receipt} 不是这台终端的（{own}），而是您的终端“{other}”的。请拿那台来核对：\n  `posguide receipt check --terminal {other} ...`",
    },
    "merchant.check.terminal_id.unknown": {
        "en": "Terminal ID {receipt}: this terminal's own ID is not saved. Find it on the terminal's information page or in the official app and save it:\n  `posguide profile set terminal_id ID{suffix}`",
        "zh": "终端号 {receipt}：这台终端自己的终端号还没保存。可在终端的信息页或官方App里查到，保存下来：\n  `posguide profile set terminal_id 终端号{suffix}`",
    },
    "merchant.mcc_words": {"en": "{name} ({code}, {fee_class})", "zh": "“{name}”（{code}，{fee_class}）"},
    "merchant.mcc_words_unlisted": {"en": "code {code} (not in posguide's list)",
                                    "zh": "类别码 {code}（posguide 的列表里没有）"},
    "merchant.check.mcc.match": {"en": "Business type: {receipt}, as in your records.",
                                 "zh": "经营类别：{receipt}，与您的记录一致。"},
    "merchant.check.mcc.mismatch.cheaper": {
        "en": "Business type: the receipt books the sale as {receipt}, but your business is {own}. Booking sales under a business type with lower card fees is called 跳码 (\"code jumping\"): the card network punishes it, and your account and the money in it can be frozen.",
        "zh": "经营类别不对：小票把这笔交易记成了{receipt}，而您的经营类别是{own}。把交易记到手续费更低的类别下，这叫“跳码”：银联会处罚，您的账户和里面的钱都可能被冻结。",
    },
    "merchant.check.mcc.mismatch.dearer": {
        "en": "Business type: the receipt books the sale as {receipt}, but your business is {own}. That type has higher card fees than yours, so you may be paying more than your contract says. Booking sales under another business type is called 跳码 (\"code jumping\").",
        "zh": "经营类别不对：小票把这笔交易记成了{receipt}，而您的经营类别是{own}。这个类别的手续费比您的高，您可能多付了钱。把交易记到别的类别下，这叫“跳码”。",
    },
    "merchant.check.mcc.mismatch.other_kind": {
        "en": "Business type: the receipt books the sale as {receipt}, a different kind of business from yours, {own}. Booking sales under another business type is called 跳码 (\"code jumping\") even when the fees are the same, and it can get your account frozen.",
        "zh": "经营类别不对：小票把这笔交易记成了{receipt}，和您的{own}不是同一类生意。把交易记到别的类别下就叫“跳码”，即使费率一样，也可能导致账户被冻结。",
    },
    "merchant.check.mcc.mismatch.unlisted": {
        "en": "Business type: the receipt shows {receipt}, but yours is {own}. A sale booked under another business type than yours is called 跳码 (\"code jumping\"): ask your provider why.",
        "zh": "经营类别不对：小票上是{receipt}，您的是{own}。交易被记到别的类别下，这叫“跳码”，请向服务商问清原因。",
    },
    "merchant.check.mcc.near.same_kind": {
        "en": "Business type: the receipt shows {receipt}, your records {own}. Both are the same kind of business with the same fees, so this is not the 跳码 to worry about; still, ask your provider which code your contract has, and save that one:\n  `posguide profile set mcc CODE{suffix}`",
        "zh": "经营类别：小票上是{receipt}，您记录的是{own}。两者是同一类生意、费率相同，不是要担心的跳码；不过仍请向服务商问清合同上是哪个类别码，并保存下来：\n  `posguide profile set mcc 类别码{suffix}`",
    },
    "merchant.check.mcc.near.own_number": {
        "en": "Business type: your merchant number carries {receipt}, your contract says {own}. The number is yours, so this is not 跳码; but ask your acquirer which business type you are registered under, and save that one:\n  `posguide profile set mcc CODE{suffix}`",
        "zh": "经营类别：您的商户号里带的是{receipt}，合同上是{own}。商户号是您自己的，这不是跳码；不过请向收单机构问清您登记的是哪个经营类别，并保存下来：\n  `posguide profile set mcc 类别码{suffix}`",
    },
    "merchant.check.mcc.unknown": {
        "en": "Business type: the receipt books the sale as {receipt}. Your own business type is not saved, so posguide cannot tell whether this is yours. Find the 4-digit business type code (MCC) in your contract or the official app and save it:\n  `posguide profile set mcc CODE{suffix}`",
        "zh": "经营类别：小票把这笔交易记成了{receipt}。您自己的经营类别还没保存，无法判断是否一致。请在合同或官方App上找到 4 位的商户类别码（MCC），保存下来：\n  `posguide profile set mcc 类别码{suffix}`",
    },
    "merchant.mcc_from_number": {
        "en": "The business type code (MCC) was read from the 8th to 11th characters of the merchant number, where most acquirers write it. If the receipt prints a code of its own, give it with --mcc.",
        "zh": "经营类别码（MCC）取自商户号的第 8 到 11 位，大多数收单机构把它写在这里。如果小票另外印了类别码，请用 --mcc 给出。",
    },
    # ---------------------------------------------------------------- receipt check: what to do
    "merchant.todo_title": {"en": "What to do now:", "zh": "现在请这样做："},
    "merchant.todo_foreign_stop": {
        "en": "Keep this receipt, and take no more card payments with this terminal until this is cleared up.",
        "zh": "留好这张小票；问题查清之前，不要再用这台终端收银行卡款。",
    },
    "merchant.todo_keep": {"en": "Keep this receipt.", "zh": "留好这张小票。"},
    "merchant.todo_three_records": {
        "en": "Check that three records of one payment agree (三单一致): the receipt, the line for it in the bill of the bank card that paid, and its details in the card network's app (UnionPay's 云闪付). Pay a small amount with your own card to try it: all three should show your own merchant name and number.",
        "zh": "核对同一笔交易的三份记录是否一致（三单一致）：小票、付款银行卡账单上的这一笔、银联云闪付App里这笔交易的详情。可以用您自己的卡刷一小笔来核对：三份记录上都应该是您自己的商户名称和商户号。",
    },
    "merchant.todo_call_saved": {
        "en": "Call your provider's support number, {phone} (saved in your profile; check that it matches your contract), and tell them what differs.",
        "zh": "拨打服务商的客服电话 {phone}（保存在您的资料里，请确认与合同上的一致），告诉对方哪里不一致。",
    },
    "merchant.todo_call_contract": {
        "en": "Call the support number printed on your contract or on the terminal's sticker, and tell them what differs. Save it for next time: `posguide profile set support_phone NUMBER{suffix}`",
        "zh": "拨打合同上或机身标签上印的客服电话，告诉对方哪里不一致。保存下来方便下次使用：`posguide profile set support_phone 号码{suffix}`",
    },
    "merchant.todo_legit": {
        "en": "Then go through `posguide checklist legit-check{suffix}` to check the rest.",
        "zh": "然后运行 `posguide checklist legit-check{suffix}`，把其他几项也查一遍。",
    },
    "merchant.todo_never_ads": {
        "en": "Never call a number from an advert, a text message or a caller: fake support lines wait for merchants with exactly this problem.",
        "zh": "不要拨打广告、短信或来电里给的号码：假客服专等遇到这种问题的商户。",
    },
    "merchant.todo_incomplete": {
        "en": "Save what is missing (the commands are above), then check the receipt again.",
        "zh": "把缺少的信息保存好（命令见上面），再核对一次小票。",
    },
}
