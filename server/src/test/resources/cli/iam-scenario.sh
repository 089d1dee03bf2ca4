#!/usr/bin/env bash
# The issue's scenario with the unmodified AWS CLI: as the bootstrap administrator, build users,
# a group, a managed policy and a role; give a new user an access key; check that the user is
# allowed and denied exactly as its policies say. Usage: iam-scenario.sh ENDPOINT
# (the administrator's keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; AWS_CLI names the binary).
set -euo pipefail
endpoint=$1
cli=${AWS_CLI:-aws}
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
aws() { command "$cli" --endpoint-url "$endpoint" --output text "$@"; }
suffix=$RANDOM$RANDOM

aws iam create-user --user-name "dev-$suffix" --tags Key=team,Value=payments >/dev/null
aws iam create-group --group-name "readers-$suffix" >/dev/null
aws iam add-user-to-group --group-name "readers-$suffix" --user-name "dev-$suffix"
policy_arn=$(aws iam create-policy --policy-name "list-users-$suffix" --query Policy.Arn \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:ListUsers","iam:GetUser"],"Resource":"*"}]}')
aws iam attach-group-policy --group-name "readers-$suffix" --policy-arn "$policy_arn"
aws iam create-role --role-name "app-$suffix" --max-session-duration 7200 \
  --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}' >/dev/null
read -r key_id secret < <(aws iam create-access-key --user-name "dev-$suffix" \
  --query 'AccessKey.[AccessKeyId,SecretAccessKey]')
echo "created dev-$suffix with key $key_id"

as_dev() { AWS_ACCESS_KEY_ID=$key_id AWS_SECRET_ACCESS_KEY=$secret aws "$@"; }
as_dev iam list-users --query "Users[?UserName=='dev-$suffix'].UserName" | grep -qx "dev-$suffix"
echo "dev may list users: allowed"
if as_dev iam create-user --user-name "intruder-$suffix" 2>err.txt; then
  echo "dev created a user: expected AccessDenied" >&2; exit 1
fi
grep -q "AccessDenied" err.txt && grep -q "is not authorized to perform: iam:CreateUser" err.txt
echo "dev may not create users: denied"

aws iam put-user-policy --user-name "dev-$suffix" --policy-name no-listing \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:ListUsers","Resource":"*"}]}'
if as_dev iam list-users 2>err.txt >/dev/null; then
  echo "dev listed users despite an explicit deny" >&2; exit 1
fi
grep -q "with an explicit deny" err.txt
echo "explicit deny wins: denied"
as_dev iam get-user --query User.UserName | grep -qx "dev-$suffix"

# STS with the same CLI: the role trusts dev; dev assumes it and is the role session.
aws iam update-assume-role-policy --role-name "app-$suffix" --policy-document \
  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"$(aws iam get-user --user-name "dev-$suffix" --query User.Arn)\"},\"Action\":\"sts:AssumeRole\"}]}"
as_dev sts get-caller-identity --query Arn | grep -q ":user/dev-$suffix$"
read -r tmp_id tmp_secret tmp_token < <(as_dev sts assume-role --role-arn "$(aws iam get-role --role-name "app-$suffix" --query Role.Arn)" \
  --role-session-name cli-session --duration-seconds 900 \
  --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]')
AWS_ACCESS_KEY_ID=$tmp_id AWS_SECRET_ACCESS_KEY=$tmp_secret AWS_SESSION_TOKEN=$tmp_token \
  aws sts get-caller-identity --query Arn | grep -q ":assumed-role/app-$suffix/cli-session$"
echo "dev assumed the role: allowed"

# CloudTrail: the calls above are in the account's event history, through the CLI's own JSON 1.1 client.
aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=CreateUser \
  --query "Events[?contains(CloudTrailEvent, '\"dev-$suffix\"')].[EventName,Username,ReadOnly]" \
  | grep -qx "CreateUser	admin	false"
aws cloudtrail lookup-events --lookup-attributes "AttributeKey=Username,AttributeValue=dev-$suffix" \
  --max-results 5 --query "Events[].EventName" | grep -q "GetCallerIdentity"
if as_dev cloudtrail lookup-events 2>err.txt >/dev/null; then
  echo "dev looked up events without cloudtrail:LookupEvents" >&2; exit 1
fi
grep -q "AccessDeniedException" err.txt
echo "lookup-events found CreateUser; dev may not look up events: denied"
echo "SCENARIO OK"
