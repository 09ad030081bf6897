MESSAGES = {
    "kind.transaction": {"en": "Transaction", "zh": "交易"},
    "kind.maintenance": {"en": "Cleaning and care", "zh": "清洁保养"},
    "kind.inspection": {"en": "Tamper inspection", "zh": "防篡改检查"},
    "kind.password-change": {"en": "Admin password change", "zh": "更换管理密码"},
    "kind.software-update": {"en": "Software update", "zh": "软件更新"},
    "kind.fee-check": {"en": "Fee check", "zh": "费率核对"},
    "kind.sim-renewal": {"en": "SIM plan renewal", "zh": "流量卡续费"},
    "kind.sim-swap": {"en": "SIM card swap", "zh": "更换流量卡"},
    "kind.checklist": {"en": "Checklist completed", "zh": "完成检查清单"},
}
