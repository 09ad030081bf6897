MESSAGES = {
    "kind.transaction": {"en": "a transaction", "zh": "交易"},
    "kind.maintenance": {"en": "cleaning and care", "zh": "清洁保养"},
    "kind.inspection": {"en": "a tamper inspection", "zh": "防篡改检查"},
    "kind.password-change": {"en": "an admin password change", "zh": "更换管理密码"},
    "kind.software-update": {"en": "a software update", "zh": "软件更新"},
    "kind.fee-check": {"en": "a fee check", "zh": "费率核对"},
    "kind.sim-renewal": {"en": "a SIM plan renewal", "zh": "流量卡续费"},
    "kind.sim-swap": {"en": "a SIM card swap", "zh": "更换流量卡"},
    "kind.checklist": {"en": "a completed checklist", "zh": "完成检查清单"},
}
