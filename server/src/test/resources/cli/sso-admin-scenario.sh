#!/usr/bin/env bash
# Permission sets and account assignments with the unmodified AWS CLI (aws sso-admin, with aws
# identitystore and aws iam to see the results): a permission set with an inline and a managed
# policy assigned to a group, the reserved role it provisions, a change provisioned again, the
# assignment's removal and the refusals. Usage: sso-admin-scenario.sh ENDPOINT (the
# administrator's keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; AWS_CLI names the binary).
set -euo pipefail
endpoint=$1
cli=${AWS_CLI:-aws}
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
aws() { command "$cli" --endpoint-url "$endpoint" --output text "$@"; }
suffix=$RANDOM$RANDOM

# OwnerAccountId is newer than Debian's awscli 2.9 model (it would print None): the account is the caller's.
read -r instance store < <(aws sso-admin list-instances --query 'Instances[0].[InstanceArn,IdentityStoreId]')
account=$(aws sts get-caller-identity --query Account)
[[ "$instance" == arn:aws:sso:::instance/ssoins-* ]] || { echo "instance $instance" >&2; exit 1; }
echo "instance: $instance over $store in $account"

user_id=$(aws identitystore create-user --identity-store-id "$store" --user-name "dev-$suffix" \
  --display-name "Dev $suffix" --name GivenName=Dev,FamilyName=Eloper --query UserId)
group_id=$(aws identitystore create-group --identity-store-id "$store" --display-name "devs-$suffix" --query GroupId)
aws identitystore create-group-membership --identity-store-id "$store" --group-id "$group_id" \
  --member-id UserId="$user_id" >/dev/null

ps=$(aws sso-admin create-permission-set --instance-arn "$instance" --name "Dev$suffix" \
  --description "Developers" --session-duration PT4H --tags Key=team,Value=payments \
  --query PermissionSet.PermissionSetArn)
echo "permission set: $ps"
aws sso-admin put-inline-policy-to-permission-set --instance-arn "$instance" --permission-set-arn "$ps" \
  --inline-policy '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'
aws sso-admin attach-managed-policy-to-permission-set --instance-arn "$instance" --permission-set-arn "$ps" \
  --managed-policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess
[ "$(aws sso-admin list-managed-policies-in-permission-set --instance-arn "$instance" --permission-set-arn "$ps" \
  --query 'AttachedManagedPolicies[0].Name')" = "ReadOnlyAccess" ]

status=$(aws sso-admin create-account-assignment --instance-arn "$instance" --permission-set-arn "$ps" \
  --target-type AWS_ACCOUNT --target-id "$account" --principal-type GROUP --principal-id "$group_id" \
  --query AccountAssignmentCreationStatus.Status)
[ "$status" = "SUCCEEDED" ] || { echo "assignment $status" >&2; exit 1; }
echo "assignment: SUCCEEDED"
role=$(aws iam list-roles --path-prefix /aws-reserved/sso.amazonaws.com/ \
  --query "Roles[?starts_with(RoleName, 'AWSReservedSSO_Dev${suffix}_')].RoleName | [0]")
[ "$(aws iam get-role --role-name "$role" --query Role.MaxSessionDuration)" = "14400" ]
aws iam get-role-policy --role-name "$role" --policy-name AwsSSOInlinePolicy --query PolicyDocument \
  --output json | grep -q 's3:GetObject'
echo "role: $role"

aws sso-admin put-inline-policy-to-permission-set --instance-arn "$instance" --permission-set-arn "$ps" \
  --inline-policy '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}'
aws sso-admin list-permission-sets-provisioned-to-account --instance-arn "$instance" --account-id "$account" \
  --provisioning-status LATEST_PERMISSION_SET_NOT_PROVISIONED --output json | grep -q "$ps"
request=$(aws sso-admin provision-permission-set --instance-arn "$instance" --permission-set-arn "$ps" \
  --target-type ALL_PROVISIONED_ACCOUNTS --query PermissionSetProvisioningStatus.RequestId)
[ "$(aws sso-admin describe-permission-set-provisioning-status --instance-arn "$instance" \
  --provision-permission-set-request-id "$request" --query PermissionSetProvisioningStatus.Status)" = "SUCCEEDED" ]
aws iam get-role-policy --role-name "$role" --policy-name AwsSSOInlinePolicy --query PolicyDocument \
  --output json | grep -q 'sqs:SendMessage'
echo "provisioned again: SUCCEEDED"

if aws sso-admin delete-permission-set --instance-arn "$instance" --permission-set-arn "$ps" 2>err.txt; then
  echo "an assigned permission set was deleted" >&2; exit 1
fi
grep -q ConflictException err.txt
echo "delete while assigned: ConflictException"

aws sso-admin delete-account-assignment --instance-arn "$instance" --permission-set-arn "$ps" \
  --target-type AWS_ACCOUNT --target-id "$account" --principal-type GROUP --principal-id "$group_id" >/dev/null
if aws iam get-role --role-name "$role" 2>err.txt; then
  echo "the role outlived its last assignment" >&2; exit 1
fi
grep -q NoSuchEntity err.txt
echo "role removed with the last assignment"
aws sso-admin delete-permission-set --instance-arn "$instance" --permission-set-arn "$ps"
if aws sso-admin describe-permission-set --instance-arn "$instance" --permission-set-arn "$ps" 2>err.txt; then
  echo "a deleted permission set was described" >&2; exit 1
fi
grep -q ResourceNotFoundException err.txt
echo "deleted permission set: ResourceNotFoundException"
echo "SCENARIO OK"
