"""Format-valid, random provider keys for tests, built at run time so that no key sits in the source.

`sample(slug)` gives a key that railguard's rule `secrets.<slug>` must find.
"""

import base64
import json
import random
import string

R = random.Random(4242)
AN = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
BAD = ("todo","fake","here","your","xxxx","example","sample","dummy","test","abcd","1234","0000","fixme","redact","insert","place","change","replace","notasecret")
def r(n, cs=AN):
    while True:
        s = "".join(R.choice(cs) for _ in range(n))
        low = s.lower()
        if not any(b in low for b in BAD) and sum((any(c.islower() for c in s), any(c.isupper() for c in s), any(c.isdigit() for c in s))) >= (2 if cs in (AN, AN+"_-") else 1):
            return s
UP = string.ascii_uppercase + string.digits
KEYS = {
 "openai-api-key": lambda: "sk-proj-" + r(74, AN+"_-") + r(20) + r(62, AN+"_-"),
 "openai-service-account-key": lambda: "sk-svcacct-" + r(120, AN+"_-"),
 "openai-admin-key": lambda: "sk-admin-" + r(120, AN+"_-"),
 "anthropic-api-key": lambda: "sk-ant-api03-" + r(93, AN+"_-") + "Qw",
 "anthropic-admin-key": lambda: "sk-ant-admin01-" + r(93, AN+"_-") + "Qw",
 "huggingface-token": lambda: "hf_" + r(34, string.ascii_letters),
 "google-api-key": lambda: "AIza" + r(35, AN+"_-"),
 "aws-access-key-id": lambda: "AKIA" + r(16, UP),
 "azure-storage-account-key": lambda: r(86, AN+"+/") + "==",
 "azure-connection-string": lambda: r(43, AN+"+/") + "=",
 "github-token": lambda: "ghp_" + r(36),
 "github-fine-grained-pat": lambda: "github_pat_" + r(22) + "_" + r(59),
 "gitlab-pat": lambda: "glpat-" + r(20, AN+"_-"),
 "gitlab-token": lambda: "glrt-" + r(20, AN+"_-"),
 "slack-token": lambda: "xoxb-" + r(12, string.digits) + "-" + r(13, string.digits) + "-" + r(24),
 "slack-webhook": lambda: "https://hooks.slack.com/services/T" + r(10, UP) + "/B" + r(10, UP) + "/" + r(24),
 "stripe-secret-key": lambda: "sk_live_" + r(99),
 "stripe-restricted-key": lambda: "rk_live_" + r(99),
 "stripe-webhook-secret": lambda: "whsec_" + r(32),
 "twilio-api-key": lambda: "SK" + r(32, HEX),
 "twilio-auth-token": lambda: r(32, HEX),
 "sendgrid-api-key": lambda: "SG." + r(22, AN+"_-") + "." + r(43, AN+"_-"),
 "mailgun-api-key": lambda: "key-" + r(32, HEX),
 "mailchimp-api-key": lambda: r(32, HEX) + "-us14",
 "npm-token": lambda: "npm_" + r(36),
 "pypi-upload-token": lambda: "pypi-AgE" + r(150, AN+"_-"),
 "docker-registry-auth": lambda: base64.b64encode(("deploy:" + r(20)).encode()).decode(),
 "docker-hub-pat": lambda: "dckr_pat_" + r(27, AN+"_-"),
 "jwt": lambda: (base64.urlsafe_b64encode(json.dumps({"alg":"HS256","typ":"JWT"}).encode()).decode().rstrip("=") + "." +
                 base64.urlsafe_b64encode(json.dumps({"sub": r(10), "role": "admin", "iat": 1764000000}).encode()).decode().rstrip("=") + "." + r(43, AN+"_-")),
 "databricks-token": lambda: "dapi" + r(32, HEX),
 "shopify-token": lambda: "shpat_" + r(32, HEX),
 "discord-bot-token": lambda: "M" + r(25) + "." + r(6, AN+"_-") + "." + r(38, AN+"_-"),
 "discord-webhook": lambda: "https://discord.com/api/webhooks/" + r(19, string.digits) + "/" + r(68, AN+"_-"),
 "telegram-bot-token": lambda: r(10, string.digits) + ":AA" + r(33, AN+"_-"),
 "groq-api-key": lambda: "gsk_" + r(52),
 "replicate-api-token": lambda: "r8_" + r(37),
 "openrouter-api-key": lambda: "sk-or-v1-" + r(64, HEX),
 "xai-api-key": lambda: "xai-" + r(80),
 "perplexity-api-key": lambda: "pplx-" + r(48),
 "mistral-api-key": lambda: r(32),
 "cohere-api-key": lambda: r(40),
 "langsmith-api-key": lambda: "lsv2_pt_" + r(32, HEX) + "_" + r(10, HEX),
 "langfuse-secret-key": lambda: "sk-lf-" + r(8, HEX) + "-" + r(4, HEX) + "-" + r(4, HEX) + "-" + r(4, HEX) + "-" + r(12, HEX),
 "pinecone-api-key": lambda: "pcsk_" + r(6) + "_" + r(64),
 "google-oauth-client-secret": lambda: "GOCSPX-" + r(28, AN+"_-"),
 "google-oauth-access-token": lambda: "ya29." + r(150, AN+"_-"),
 "heroku-api-key": lambda: "HRKU-" + r(60, AN+"_-"),
 "digitalocean-token": lambda: "dop_v1_" + r(64, HEX),
 "atlassian-api-token": lambda: "ATATT3" + r(186, AN+"_-"),
 "linear-api-key": lambda: "lin_api_" + r(40),
 "notion-token": lambda: "ntn_" + r(11, string.digits) + r(35),
 "sentry-auth-token": lambda: "sntryu_" + r(64, HEX),
 "postman-api-key": lambda: "PMAK-" + r(24, HEX) + "-" + r(34, HEX),
 "new-relic-api-key": lambda: "NRAK-" + r(27, UP),
 "grafana-token": lambda: "glsa_" + r(32) + "_" + r(8, HEX),
 "vault-token": lambda: "hvs." + r(100, AN+"_-"),
 "terraform-cloud-token": lambda: r(14) + ".atlasv1." + r(67, AN+"_-"),
 "doppler-token": lambda: "dp.pt." + r(43),
 "square-access-token": lambda: "EAAA" + r(60, AN+"_-"),
 "age-secret-key": lambda: "AGE-SECRET-KEY-1" + r(58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"),
 "tailscale-key": lambda: "tskey-auth-" + r(12) + "-" + r(32),
 "supabase-token": lambda: "sbp_" + r(40, HEX),
 "aws-secret-access-key": lambda: r(40, AN+"/+"),
 "artifactory-token": lambda: "AKC" + r(70),
 "cloudant-credential": lambda: r(64, HEX),
 "ibm-cloud-iam-key": lambda: r(44, AN+"_-"),
 "ibm-cos-hmac": lambda: r(48, HEX),
 "softlayer-api-key": lambda: r(64, string.ascii_lowercase+string.digits),
 "generic": lambda: r(40, AN),
}


def sample(slug: str) -> str:
    return KEYS[slug]()


def fresh_random(seed: int) -> None:
    R.seed(seed)
