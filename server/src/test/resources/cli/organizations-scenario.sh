#!/usr/bin/env bash
# The organization with the unmodified AWS CLI (aws organizations, sts, iam): an account, an OU,
# the access role, an SCP that denies iam:CreateUser and its removal, tags, closing the account.
# Usage: organizations-scenario.sh ENDPOINT (the administrator's keys in AWS_ACCESS_KEY_ID /
# AWS_SECRET_ACCESS_KEY; AWS_CLI names the binary).
set -euo pipefail
endpoint=$1
cli=${AWS_CLI:-aws}
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
aws() { command "$cli" --endpoint-url "$endpoint" --output text "$@"; }
suffix=$RANDOM$RANDOM

org=$(aws organizations describe-organization --query Organization.Id)
root=$(aws organizations list-roots --query 'Roots[0].Id')
echo "organization $org root $root"
read -r state account < <(aws organizations create-account --email "team-$suffix@example.com" \
  --account-name "team-$suffix" --tags Key=team,Value=payments \
  --query '[CreateAccountStatus.State,CreateAccountStatus.AccountId]')
[ "$state" = "SUCCEEDED" ] || { echo "create-account: $state" >&2; exit 1; }
echo "create-account: $account"
ou=$(aws organizations create-organizational-unit --parent-id "$root" --name "workloads-$suffix" \
  --query OrganizationalUnit.Id)
aws organizations move-account --account-id "$account" --source-parent-id "$root" --destination-parent-id "$ou"
[ "$(aws organizations list-parents --child-id "$account" --query 'Parents[0].Id')" = "$ou" ]
echo "move-account: in $ou"

read -r key secret token < <(aws sts assume-role --role-session-name cli \
  --role-arn "arn:aws:iam::$account:role/OrganizationAccountAccessRole" \
  --query '[Credentials.AccessKeyId,Credentials.SecretAccessKey,Credentials.SessionToken]')
member() { AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token aws "$@"; }
member iam create-user --user-name "before-$suffix" >/dev/null
echo "member: created a user"

policy=$(aws organizations create-policy --type SERVICE_CONTROL_POLICY --name "no-users-$suffix" \
  --description "no IAM users" --query Policy.PolicySummary.Id \
  --content '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}]}')
aws organizations attach-policy --policy-id "$policy" --target-id "$ou"
if member iam create-user --user-name "during-$suffix" 2>err.txt; then
  echo "an SCP did not deny iam:CreateUser" >&2; exit 1
fi
grep -q "explicit deny in a service control policy" err.txt
echo "scp: denied"
aws organizations detach-policy --policy-id "$policy" --target-id "$ou"
member iam create-user --user-name "after-$suffix" >/dev/null
echo "scp: detached"

[ "$(aws organizations list-tags-for-resource --resource-id "$account" --query 'Tags[0].Value')" = "payments" ]
aws organizations close-account --account-id "$account"
if member iam list-users 2>err.txt >/dev/null; then
  echo "a closed account's session still works" >&2; exit 1
fi
echo "close-account: credentials refused"
echo "SCENARIO OK"
