#!/usr/bin/env bash
# The workforce directory with the unmodified AWS CLI (aws identitystore): a user, a group, a
# membership, the lookups, and the refusals. Usage: identitystore-scenario.sh ENDPOINT STORE_ID
# (the administrator's keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; AWS_CLI names the binary).
set -euo pipefail
endpoint=$1
store=$2
cli=${AWS_CLI:-aws}
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
aws() { command "$cli" --endpoint-url "$endpoint" --output text "$@"; }
suffix=$RANDOM$RANDOM

user_id=$(aws identitystore create-user --identity-store-id "$store" --user-name "jane-$suffix@example.com" \
  --display-name "Jane Doe" --name GivenName=Jane,FamilyName=Doe \
  --emails Value="jane-$suffix@example.com",Type=work,Primary=true --query UserId)
echo "created user $user_id"
found=$(aws identitystore get-user-id --identity-store-id "$store" --query UserId \
  --alternate-identifier "{\"UniqueAttribute\":{\"AttributePath\":\"userName\",\"AttributeValue\":\"jane-$suffix@example.com\"}}")
[ "$found" = "$user_id" ] || { echo "get-user-id found $found" >&2; exit 1; }
echo "get-user-id: found"
group_id=$(aws identitystore create-group --identity-store-id "$store" --display-name "engineers-$suffix" \
  --query GroupId)
aws identitystore create-group-membership --identity-store-id "$store" --group-id "$group_id" \
  --member-id UserId="$user_id" >/dev/null
member=$(aws identitystore list-group-memberships --identity-store-id "$store" --group-id "$group_id" \
  --query 'GroupMemberships[0].MemberId.UserId')
[ "$member" = "$user_id" ] || { echo "membership lists $member" >&2; exit 1; }
exists=$(aws identitystore is-member-in-groups --identity-store-id "$store" --member-id UserId="$user_id" \
  --group-ids "$group_id" --query 'Results[0].MembershipExists')
[ "$exists" = "True" ] || { echo "is-member-in-groups says $exists" >&2; exit 1; }
echo "membership: listed and checked"
aws identitystore update-user --identity-store-id "$store" --user-id "$user_id" \
  --operations '[{"AttributePath":"displayName","AttributeValue":"J. Doe"}]'
[ "$(aws identitystore describe-user --identity-store-id "$store" --user-id "$user_id" --query DisplayName)" = "J. Doe" ]
echo "update-user: changed"
aws identitystore delete-user --identity-store-id "$store" --user-id "$user_id"
if aws identitystore describe-user --identity-store-id "$store" --user-id "$user_id" 2>err.txt; then
  echo "a deleted user was described" >&2; exit 1
fi
grep -q ResourceNotFoundException err.txt
echo "deleted user: ResourceNotFoundException"
echo "SCENARIO OK"
