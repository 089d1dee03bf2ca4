#!/usr/bin/env bash
# A role_arn profile in ~/.aws/config, as people use one against AWS, pointed at Gatehouse by the
# configuration file alone (a `services` section with endpoint_url: no --endpoint-url flag, so the
# CLI's own assume-role credential provider must find Gatehouse's STS).
# Usage: role-profile.sh ENDPOINT (administrator keys in ADMIN_KEY_ID / ADMIN_SECRET;
# AWS_CLI names a CLI that reads endpoint_url from its configuration).
set -euo pipefail
endpoint=$1
cli=${AWS_CLI:-aws}
home=$(pwd)
export AWS_CONFIG_FILE=$home/config AWS_SHARED_CREDENTIALS_FILE=$home/credentials AWS_PAGER=""
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_REGION
suffix=$RANDOM$RANDOM

cat >"$AWS_SHARED_CREDENTIALS_FILE" <<CREDS
[admin]
aws_access_key_id = $ADMIN_KEY_ID
aws_secret_access_key = $ADMIN_SECRET
CREDS
cat >"$AWS_CONFIG_FILE" <<CONFIG
[profile admin]
region = us-east-1
output = text
services = gatehouse

[profile ops]
role_arn = ROLE_ARN
source_profile = admin
role_session_name = laptop
duration_seconds = 900
region = us-east-1
output = text
services = gatehouse

[services gatehouse]
iam =
  endpoint_url = $endpoint
sts =
  endpoint_url = $endpoint
CONFIG

account=$("$cli" --profile admin sts get-caller-identity --query Account)
sed -i "s|ROLE_ARN|arn:aws:iam::$account:role/ops-$suffix|" "$AWS_CONFIG_FILE"
"$cli" --profile admin iam create-role --role-name "ops-$suffix" >/dev/null \
  --assume-role-policy-document "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::$account:root\"},\"Action\":\"sts:AssumeRole\"}]}"
"$cli" --profile admin iam put-role-policy --role-name "ops-$suffix" --policy-name read-roles \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"*"}]}'

arn=$("$cli" --profile ops sts get-caller-identity --query Arn)
[ "$arn" = "arn:aws:sts::$account:assumed-role/ops-$suffix/laptop" ] || { echo "unexpected identity: $arn" >&2; exit 1; }
echo "profile ops is the role session: $arn"

"$cli" --profile ops iam get-role --role-name "ops-$suffix" --query Role.RoleName | grep -qx "ops-$suffix"
echo "the role session may read roles: allowed"
if "$cli" --profile ops iam list-users 2>err.txt >/dev/null; then
  echo "the role session listed users: expected AccessDenied" >&2; exit 1
fi
grep -q "AccessDenied" err.txt
echo "the role session may not list users: denied"
echo "PROFILE OK"
