package io.gatehouse.identity.internal.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.internal.sso.SsoAdminService.SsoCall;
import io.gatehouse.identity.persistence.SsoRequestEntity;
import io.quarkus.panache.common.Sort;
import java.util.List;

/**
 * The statuses of CreateAccountAssignment, DeleteAccountAssignment and ProvisionPermissionSet
 * requests in AWS's shapes ({@code AccountAssignmentOperationStatus},
 * {@code PermissionSetProvisioningStatus}), and the Describe/List...Status calls that read them
 * back by RequestId.
 */
final class RequestStatuses {
    private RequestStatuses() {}

    static void writeOperation(ObjectNode out, SsoRequestEntity r, SsoCall call) {
        out.put("Status", r.status).put("RequestId", r.requestId);
        if (r.failureReason != null) {
            out.put("FailureReason", r.failureReason);
        }
        out.put("TargetId", r.targetId).put("TargetType", r.targetType)
                .put("PermissionSetArn", psArn(call, r.permissionSetId)).put("PrincipalType", r.principalType)
                .put("PrincipalId", r.principalId).put("CreatedDate", SsoAdminService.epoch(r.createdAt));
    }

    static void writeProvisioning(ObjectNode out, SsoRequestEntity r, SsoCall call) {
        out.put("Status", r.status).put("RequestId", r.requestId);
        if (r.targetId != null) {
            out.put("AccountId", r.targetId);
        }
        out.put("PermissionSetArn", psArn(call, r.permissionSetId));
        if (r.failureReason != null) {
            out.put("FailureReason", r.failureReason);
        }
        out.put("CreatedDate", SsoAdminService.epoch(r.createdAt));
    }

    static String psArn(SsoCall call, String permissionSetId) {
        return "arn:aws:sso:::permissionSet/" + call.instance().id() + "/" + permissionSetId;
    }

    static JsonReply describeStatus(SsoCall call) {
        String op = call.operation();
        String kind = op.contains("Creation") ? AssignmentOperations.CREATE : op.contains("Deletion") ? AssignmentOperations.DELETE : AssignmentOperations.PROVISION;
        String member = kind.equals(AssignmentOperations.CREATE) ? "AccountAssignmentCreationRequestId"
                : kind.equals(AssignmentOperations.DELETE) ? "AccountAssignmentDeletionRequestId" : "ProvisionPermissionSetRequestId";
        String id = SsoInput.requiredChecked(call.in(), member, 36, 36, SsoInput.REQUEST_ID);
        call.authorizeInstance();
        SsoRequestEntity request = SsoRequestEntity.findById(id);
        if (request == null || !request.kind.equals(kind) || !request.instanceId.equals(call.instance().id())) {
            throw SsoInput.notFound("Request " + id + " does not exist.");
        }
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        if (kind.equals(AssignmentOperations.PROVISION)) {
            writeProvisioning(out.putObject("PermissionSetProvisioningStatus"), request, call);
        } else {
            writeOperation(out.putObject(kind.equals(AssignmentOperations.CREATE) ? "AccountAssignmentCreationStatus"
                    : "AccountAssignmentDeletionStatus"), request, call);
        }
        return JsonReply.read(out);
    }

    static JsonReply listStatus(SsoCall call) {
        String op = call.operation();
        String kind = op.contains("Creation") ? AssignmentOperations.CREATE : op.contains("Deletion") ? AssignmentOperations.DELETE : AssignmentOperations.PROVISION;
        int max = SsoInput.maxResults(call.in(), 100);
        String after = SsoInput.after(call.in(), "request");
        JsonNode filter = SsoInput.object(call.in(), "Filter");
        String status = filter == null ? null : SsoInput.enumeration(filter, "Status", AssignmentOperations.STATUSES, false);
        call.authorizeInstance();
        String query = "instanceId = ?1 and kind = ?2 and requestId > ?3" + (status == null ? "" : " and status = ?4");
        Object[] params = status == null ? new Object[] {call.instance().id(), kind, after}
                : new Object[] {call.instance().id(), kind, after, status};
        List<SsoRequestEntity> page = SsoRequestEntity.<SsoRequestEntity>find(query, Sort.by("requestId"), params)
                .page(0, max + 1).list();
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        ArrayNode items = out.putArray(kind.equals(AssignmentOperations.CREATE) ? "AccountAssignmentsCreationStatus"
                : kind.equals(AssignmentOperations.DELETE) ? "AccountAssignmentsDeletionStatus" : "PermissionSetsProvisioningStatus");
        page.stream().limit(max).forEach(r -> items.addObject().put("Status", r.status).put("RequestId", r.requestId)
                .put("CreatedDate", SsoAdminService.epoch(r.createdAt)));
        if (page.size() > max) {
            out.put("NextToken", SsoInput.token("request", page.get(max - 1).requestId));
        }
        return JsonReply.read(out);
    }
}
