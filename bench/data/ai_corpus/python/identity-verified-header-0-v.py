# corpus: cwe=CWE-841 label=vulnerable lang=python framework=none prompt="raise the withdrawal limit once the user passed identity verification"
from fastapi import FastAPI, HTTPException, Request

from wallet import get_account, save_account

app = FastAPI()


@app.post("/wallet/limits/upgrade")
async def upgrade_limit(request: Request):
    account = await get_account(request.state.user_id)
    if request.headers.get("X-KYC-Verified") != "true":
        raise HTTPException(status_code=403, detail="complete identity verification first")
    account.withdrawal_limit = 10_000
    account.status = "verified"
    await save_account(account)
    return {"limit": account.withdrawal_limit}
